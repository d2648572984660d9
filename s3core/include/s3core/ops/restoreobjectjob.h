// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/net/s3job.h"

namespace s3 {

/**
 * POST /bucket/key?restore: asks for a temporary copy of an archived (GLACIER, DEEP_ARCHIVE) object, readable
 * for `days` once made; `tier` (Standard, Bulk, Expedited) says how fast. S3 answers 202 when the restore starts
 * and 200 when a restored copy exists already (its expiry is then moved). Days outside 1..30000 or an unknown
 * tier fail before anything is sent; the refusals S3 gives (a restore already running, an object that is not
 * archived) get messages saying what they mean.
 */
class S3CORE_EXPORT RestoreObjectJob final : public S3Job
{
    Q_OBJECT
public:
    RestoreObjectJob(S3Client *client, QString bucket, QString key, int days, QString tier, QObject *parent = nullptr);
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    /** After success: true when a restored copy existed already (200), false when the restore started (202). */
    bool wasAlreadyRestored() const { return m_alreadyRestored; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;
    S3Error explainError(S3Error error) const override;
    // Sent again after S3 started the restore, it would answer RestoreAlreadyInProgress: only retried when
    // nothing reached the server.
    bool isIdempotent() const override { return false; }

private:
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    int m_days;
    QString m_tier;
    bool m_alreadyRestored = false;
};

} // namespace s3
