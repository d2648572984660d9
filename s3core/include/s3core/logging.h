// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLoggingCategory>

#include "s3core/s3core_export.h"

// Never log Authorization, X-Amz-Security-Token, secrets or presigned query strings.
S3CORE_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcS3Net)
S3CORE_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcS3Auth)
S3CORE_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcS3Transfer)
