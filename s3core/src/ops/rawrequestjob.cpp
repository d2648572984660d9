// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/rawrequestjob.h"

#include <QNetworkReply>

#include "s3core/types.h"

namespace s3 {

RawRequestJob::RawRequestJob(S3Client *client, S3Request request, QObject *parent)
    : S3Job(client, parent)
    , m_request(std::move(request))
    , m_idempotent(m_request.method != "POST")
{
}

QByteArray RawRequestJob::responseHeader(const QByteArray &name) const
{
    for (const auto &[headerName, value] : m_headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

Result<Ok> RawRequestJob::handleBodyData(const QByteArray &data)
{
    if (m_body.size() + data.size() > m_maxBodyBytes)
        return S3Error::invalid(QStringLiteral("the answer is larger than %1").arg(formatByteSize(m_maxBodyBytes)));
    m_body += data;
    return Ok{};
}

Result<Ok> RawRequestJob::handleSuccess(QNetworkReply *reply, const QByteArray &)
{
    m_headers = reply->rawHeaderPairs();
    return Ok{};
}

} // namespace s3
