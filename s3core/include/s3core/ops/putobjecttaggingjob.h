// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>

#include "s3core/net/s3job.h"
#include "s3core/types.h"

namespace s3 {

/**
 * Replaces every tag of an object: PUT /bucket/key?tagging with the new set, or DELETE /bucket/key?tagging when
 * the set is empty (the way S3 removes all tags). Tags S3 would refuse (validateTags()) fail before anything is
 * sent. Without a version id the current version is tagged.
 */
class S3CORE_EXPORT PutObjectTaggingJob final : public S3Job
{
    Q_OBJECT
public:
    PutObjectTaggingJob(S3Client *client, QString bucket, QString key, QList<ObjectTag> tags, QObject *parent = nullptr);
    /** Tag that version instead of the current one. */
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
