// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

struct ListObjectVersionsRequest
{
    QString bucket;
    QString prefix;
    QString delimiter;       ///< "/" for one folder's versions; empty for everything below the prefix
    QString keyMarker;       ///< page on after this key (with versionIdMarker: after that version of it)
    QString versionIdMarker; ///< only with a keyMarker
    int maxKeys = 1000;      ///< entries (versions, delete markers and prefixes) per page, 1..1000
};

/** One ListObjectVersions page (GET /bucket?versions&encoding-type=url...). */
class S3CORE_EXPORT ListObjectVersionsPageJob final : public S3Job
{
    Q_OBJECT
public:
    ListObjectVersionsPageJob(S3Client *client, ListObjectVersionsRequest request, QObject *parent = nullptr);
    const ListObjectVersionsPage &page() const { return m_page; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    ListObjectVersionsRequest m_request;
    ListObjectVersionsPage m_page;
};

} // namespace s3
