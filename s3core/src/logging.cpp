// SPDX-License-Identifier: Apache-2.0
#include "s3core/logging.h"

Q_LOGGING_CATEGORY(lcS3Net, "s3desk.net", QtWarningMsg)
Q_LOGGING_CATEGORY(lcS3Auth, "s3desk.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcS3Transfer, "s3desk.transfer", QtWarningMsg)
