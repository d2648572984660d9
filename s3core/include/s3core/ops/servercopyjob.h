// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QPointer>
#include <QSet>

#include "s3core/job.h"
#include "s3core/ops/objectjobs.h"
#include "s3core/transfer/partplanner.h"
#include "s3core/types.h"

namespace s3 {

class S3Client;
class UploadPartCopyJob;

/**
 * Copies one object of any size on the server, keeping what makes it what it is. A single CopyObject carries at
 * most 5 GiB; above that the copy is a multipart upload whose parts are copied with UploadPartCopy (ranges of
 * the source, several at a time). A multipart copy does not take over anything of the source by itself, so
 * the job gives the new upload the source's content headers, Expires, user metadata, storage class, SSE-S3 /
 * SSE-KMS encryption and tags (fetched when the HEAD counts any). A plain copy keeps them through the COPY
 * directive, except encryption, which is named again (else the destination bucket's default would apply).
 *
 * Every copy request is conditional on the source's ETag seen by the HEAD: a source that changes during the
 * copy fails it (PreconditionFailed) instead of mixing two versions. Because some servers ignore that condition
 * on UploadPartCopy (Ceph RGW 16), the source is looked at again before the parts are assembled. A failed or cancelled multipart copy
 * aborts its upload (also when the cancel arrives before the upload id), so no parts are left billed.
 * An SSE-C source needs its customer key (setSourceSseCustomerKey) on every request that reads it; its copy is
 * encrypted with the same key unless setSseCustomerKey() gives another. The size above which a copy goes in
 * parts is the client's multipartCopyThreshold() (5 GiB). A server that refuses CopyObject of an encrypted object
 * as not implemented (Ceph RGW 16 answers 501 for SSE-KMS sources) gets the copy in parts, which it does support.
 * Tags are read when the HEAD counts any and set again on the copy once it exists (Ceph RGW 16 ignores them on
 * a new multipart upload and drops them on a CopyObject that replaces the metadata).
 */
class S3CORE_EXPORT ServerCopyJob final : public Job
{
    Q_OBJECT
public:
    static constexpr qint64 MaxSingleCopyBytes = 5ll * 1024 * 1024 * 1024;
    static constexpr qint64 DefaultCopyPartSize = 512 * MiB;
    static constexpr int DefaultConcurrency = 4;

    enum class State { Idle, Inspecting, FetchingAcl, FetchingTags, CopyingWhole, Creating, ListingParts, CopyingParts,
                       Verifying, Completing, Tagging, RestoringAcl, Aborting, Done };

    ServerCopyJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key,
                  QObject *parent = nullptr);

    /** New attributes instead of the source's (a Properties save); encryption and tags left empty are kept. */
    void setReplaceAttributes(const ObjectAttributes &attributes);
    /** Copy only if the source still has this ETag (what the caller read); else PreconditionFailed. */
    void setSourceIfMatch(const QString &etag) { m_expectedEtag = etag; }
    /**
     * Copy that version of the source: every look at the source (HEAD, ACL, tags) and every copy request names
     * it. A version copied over its own key is a restore and needs no new attributes.
     */
    void setSourceVersionId(const QString &versionId) { m_sourceVersionId = versionId; }
    /**
     * Give the copy the source's ACL (grants) afterwards. A copy gets a private ACL, which for a copy onto
     * itself (a Properties save) would silently take permissions away.
     */
    void setKeepAcl(bool keep) { m_keepAcl = keep; }
    /**
     * The copy's storage class instead of the source's (a copy onto itself then changes the class and keeps all
     * else). An object already in that class onto itself is left as it is (the job succeeds without copying).
     */
    void setStorageClass(const QString &storageClass) { m_storageClass = storageClass; }
    /** True when a copy onto itself found nothing to change (see setStorageClass). */
    bool wasUnchanged() const { return m_unchanged; }
    /** The customer key of an SSE-C source: sent with the HEADs and as the copy-source key of every copy request. */
    void setSourceSseCustomerKey(const SseCustomerKey &key) { m_sourceSseCustomerKey = key; }
    /** Encrypt the copy with this customer key (default: the source's key, so rename and move keep SSE-C). */
    void setSseCustomerKey(const SseCustomerKey &key) { m_destinationSseCustomerKey = key; }
    void setPartSize(qint64 bytes) { m_partSize = bytes; }
    void setConcurrency(int parts) { m_concurrency = qMax(1, parts); }
    /** Sources above this size are copied in parts (default -1: the client's multipartCopyThreshold()). */
    void setMultipartThreshold(qint64 bytes) { m_threshold = bytes; }

    /**
     * The copy is one a later run may continue (a transfer in the queue): a cancel (pause) keeps the multipart
     * upload and its copied parts instead of aborting it, and so does a failure that may pass (a network error,
     * a 5xx), so that a retry continues. A failure that will not pass (the source changed, access denied) still
     * aborts. A cancel while the upload is being created aborts it: no part is copied yet.
     */
    void setResumable(bool resumable) { m_resumable = resumable; }
    /**
     * Continue the multipart copy that an earlier run left (see uploadStarted()): the parts the server lists for
     * uploadId are kept when the source still has sourceEtag and the copy is still planned in parts of partSize
     * bytes; otherwise (the source changed, the upload is gone) the copy starts over and the stale upload is
     * aborted. startedOver() says which, after the parts are planned.
     */
    void setResumeUpload(const QString &uploadId, const QString &sourceEtag, qint64 partSize);
    bool startedOver() const { return m_startedOver; }
    /** Bytes of the source copied so far, the parts found at a resume included. */
    qint64 copiedBytes() const { return m_copied; }
    /** The copy failed, but its upload is kept for a retry (setResumable(); the id came with uploadStarted()). */
    bool keptUploadForRetry() const { return m_keptUpload; }
    /** The multipart upload this copy writes into, while it has one (empty after Complete or an abort). */
    QString uploadId() const { return m_uploadId; }

    State state() const { return m_state; }
    bool copiedInParts() const { return m_parts.partCount > 0; }
    const ObjectMetadata &source() const { return m_source; }
    /** ETag and time of the new object (valid after success). */
    const CopyObjectResult &result() const { return m_result; }

Q_SIGNALS:
    /** Bytes of the source copied so far (whole parts). */
    void progress(qint64 copied, qint64 total);
    /** A multipart copy has its upload (new or continued): what setResumeUpload() of a later run needs. */
    void uploadStarted(const QString &uploadId, const QString &sourceEtag, qint64 partSize);

protected:
    void doStart() override;
    void doCancel() override;

private:
    enum class Event { Start, Inspected, AclFetched, TagsFetched, WholeCopied, WholeCopyNotImplemented, Created,
                       PartsListed, UploadGone, PartCopied, SourceUnchanged, Completed, Tagged, AclRestored, Aborted, Failed };
    void transition(Event event);
    void inspect();
    void fetchAcl();
    void fetchTags();
    void putAcl();
    void putTags();
    void copyInParts();
    void copyInPlan();
    void copyWhole();
    void createUpload();
    void listParts();
    void copyMoreParts();
    void copyPartsOrVerify();
    void abortInBackground(const QString &uploadId) const;
    void verifySource();
    void complete();
    void abortUpload();
    void fail(const S3Error &error);
    ObjectAttributes attributesForCopy() const;
    SseCustomerKey destinationSseCustomerKey() const;

    S3Client *m_client;
    QString m_sourceBucket;
    QString m_sourceKey;
    QString m_sourceVersionId;
    QString m_bucket;
    QString m_key;
    bool m_replace = false;
    bool m_keepAcl = false;
    QString m_storageClass; // empty: the source's
    bool m_unchanged = false;
    QString m_expectedEtag;
    QByteArray m_acl;
    ObjectAttributes m_attributes;
    SseCustomerKey m_sourceSseCustomerKey;
    SseCustomerKey m_destinationSseCustomerKey;
    qint64 m_partSize = DefaultCopyPartSize;
    int m_concurrency = DefaultConcurrency;
    qint64 m_threshold = -1;
    bool m_resumable = false;
    QString m_resumeUploadId;
    QString m_resumeEtag;
    qint64 m_resumePartSize = 0;
    bool m_startedOver = false;
    bool m_keptUpload = false;

    State m_state = State::Idle;
    ObjectMetadata m_source;
    QList<ObjectTag> m_tags;
    QString m_uploadId;
    PartPlan m_parts;
    int m_nextPart = 0;
    QMap<int, QPointer<UploadPartCopyJob>> m_running;
    QList<CompletedPart> m_done;
    QSet<int> m_doneNumbers;
    qint64 m_copied = 0;
    QPointer<Job> m_control;
    S3Error m_error;
    CopyObjectResult m_result;
};

} // namespace s3
