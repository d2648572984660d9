// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/restoreobjectjob.h"

#include "s3core/crypto.h"
#include "s3core/restore.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

RestoreObjectJob::RestoreObjectJob(S3Client *client, QString bucket, QString key, int days, QString tier, QObject *parent)
    : S3Job(client, parent)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_days(days)
    , m_tier(std::move(tier))
{
}

Result<S3Request> RestoreObjectJob::buildRequest()
{
    if (m_bucket.isEmpty() || m_key.isEmpty())
        return S3Error::invalid(u"no bucket or object key given"_s);
    if (m_days < restore::MinDays || m_days > restore::MaxDays)
        return S3Error::invalid(u"a restored copy is kept %1 to %2 days, not %3"_s.arg(restore::MinDays).arg(restore::MaxDays).arg(m_days));
    if (!restore::tiers().contains(m_tier))
        return S3Error::invalid(u"\"%1\" is not a retrieval tier (one of: %2)"_s.arg(m_tier, restore::tiers().join(u", "_s)));
    S3Request request;
    request.method = QByteArrayLiteral("POST");
    request.bucket = m_bucket;
    request.key = m_key;
    request.query = {{QByteArrayLiteral("restore"), QByteArray()}};
    if (!m_versionId.isEmpty())
        request.query.append({QByteArrayLiteral("versionId"), m_versionId.toUtf8()});
    request.body = restore::buildRestoreRequest(m_days, m_tier);
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    request.setHeader(QByteArrayLiteral("content-md5"), crypto::md5(request.body).toBase64());
    return request;
}

Result<Ok> RestoreObjectJob::handleSuccess(QNetworkReply *, const QByteArray &)
{
    m_alreadyRestored = httpStatus() == 200;
    return Ok{};
}

S3Error RestoreObjectJob::explainError(S3Error error) const
{
    const QString code = error.code();
    QString meaning;
    if (code == QLatin1String("RestoreAlreadyInProgress"))
        meaning = u"a restore of %1 is already in progress; it becomes readable when that one is done"_s.arg(m_key);
    else if (code == QLatin1String("ObjectAlreadyInActiveTierError"))
        meaning = u"%1 is not archived (not in GLACIER or DEEP_ARCHIVE): it can be downloaded as it is"_s.arg(m_key);
    else if (code == QLatin1String("InvalidObjectState"))
        meaning = u"%1 cannot be restored in its current state or storage class"_s.arg(m_key);
    else if (code == QLatin1String("GlacierExpeditedRetrievalNotAvailable"))
        meaning = u"the Expedited tier has no capacity now: try Standard or Bulk, or again later"_s;
    else if (error.httpStatus() == 501 || code == QLatin1String("NotImplemented"))
        meaning = u"this server does not implement restoring archived objects (RestoreObject)"_s;
    if (meaning.isEmpty())
        return error;
    error.setMessage(u"%1 (%2%3)"_s.arg(meaning, code.isEmpty() ? u"HTTP %1"_s.arg(error.httpStatus()) : code,
                                        error.message().isEmpty() ? QString() : u": "_s + error.message()));
    return error;
}

} // namespace s3
