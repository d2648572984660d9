// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/listobjectversionspagejob.h"

#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

ListObjectVersionsPageJob::ListObjectVersionsPageJob(S3Client *client, ListObjectVersionsRequest request, QObject *parent)
    : S3Job(client, parent)
    , m_request(std::move(request))
{
}

Result<S3Request> ListObjectVersionsPageJob::buildRequest()
{
    if (m_request.bucket.isEmpty())
        return S3Error::invalid(u"listing versions needs a bucket"_s);
    if (m_request.maxKeys < 1 || m_request.maxKeys > 1000)
        return S3Error::invalid(u"max-keys must be 1 ... 1000, not %1"_s.arg(m_request.maxKeys));
    if (!m_request.versionIdMarker.isEmpty() && m_request.keyMarker.isEmpty())
        return S3Error::invalid(u"a version-id marker needs a key marker"_s);
    S3Request request;
    request.bucket = m_request.bucket;
    // encoding-type=url: keys with characters XML 1.0 cannot carry still list correctly.
    request.query = {{QByteArrayLiteral("versions"), QByteArray()},
                     {QByteArrayLiteral("encoding-type"), QByteArrayLiteral("url")},
                     {QByteArrayLiteral("max-keys"), QByteArray::number(m_request.maxKeys)}};
    if (!m_request.prefix.isEmpty())
        request.query.append({QByteArrayLiteral("prefix"), m_request.prefix.toUtf8()});
    if (!m_request.delimiter.isEmpty())
        request.query.append({QByteArrayLiteral("delimiter"), m_request.delimiter.toUtf8()});
    if (!m_request.keyMarker.isEmpty())
        request.query.append({QByteArrayLiteral("key-marker"), m_request.keyMarker.toUtf8()});
    if (!m_request.versionIdMarker.isEmpty())
        request.query.append({QByteArrayLiteral("version-id-marker"), m_request.versionIdMarker.toUtf8()});
    return request;
}

Result<Ok> ListObjectVersionsPageJob::handleSuccess(QNetworkReply *, const QByteArray &body)
{
    Result<ListObjectVersionsPage> page = xml::parseListObjectVersions(body, true);
    if (!page)
        return page.error();
    m_page = std::move(page).value();
    return Ok{};
}

} // namespace s3
