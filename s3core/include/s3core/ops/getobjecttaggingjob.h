// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

/** GET /bucket/key?tagging: the object's tags (an object without tags has an empty list). */
class S3CORE_EXPORT GetObjectTaggingJob final : public S3Job
{
    Q_OBJECT
public:
    GetObjectTaggingJob(S3Client *client, QString bucket, QString key, QObject *parent = nullptr);
    /** The tags of that version instead of the current one's. */
    void setVersionId(const QString &versionId) { m_versionId = versionId; }
    const QList<ObjectTag> &tags() const { return m_tags; }

protected:
    Result<S3Request> buildRequest() override;
    Result<Ok> handleSuccess(QNetworkReply *reply, const QByteArray &body) override;

private:
    QString m_bucket;
    QString m_key;
    QString m_versionId;
    QList<ObjectTag> m_tags;
};

} // namespace s3
