// SPDX-License-Identifier: Apache-2.0
#include "s3core/ops/servercopyjob.h"

#include "s3core/logging.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/getobjecttaggingjob.h"
#include "s3core/crypto.h"
#include "s3core/ops/multipartjobs.h"
#include "s3core/ops/rawrequestjob.h"
#include "s3core/ops/uploadpartcopyjob.h"
#include "s3core/xml/s3xml.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

// An ACL has at most 100 grants: far below this.
constexpr qint64 MaxAclBytes = 1024 * 1024;

/** PUT of an object's XML subresource (?acl, ?tagging) with the Content-MD5 S3 asks for. */
S3Request putSubresourceRequest(const QString &bucket, const QString &key, const QByteArray &subresource, QByteArray body)
{
    S3Request request;
    request.method = QByteArrayLiteral("PUT");
    request.bucket = bucket;
    request.key = key;
    request.query = {{subresource, QByteArray()}};
    request.setHeader(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/xml"));
    request.setHeader(QByteArrayLiteral("content-md5"), crypto::md5(body).toBase64());
    request.body = std::move(body);
    return request;
}

/**
 * S3 answers an unknown storage class with InvalidStorageClass, Ceph RGW with a bare InvalidArgument: either way
 * the message names the class asked for, which the server's own message does not.
 */
S3Error explainStorageClassRefusal(S3Error error, const QString &storageClass)
{
    if (storageClass.isEmpty() || error.httpStatus() != 400
        || (error.code() != QLatin1String("InvalidStorageClass") && error.code() != QLatin1String("InvalidArgument")))
        return error;
    const QString serverSays = error.message().isEmpty() ? QString() : u" (the server says: %1)"_s.arg(error.message());
    error.setMessage(u"the server refused storage class \"%1\" with %2%3: it is probably not a class this server or bucket "
                     "offers; class names are upper case, e.g. STANDARD, STANDARD_IA, GLACIER"_s.arg(storageClass, error.code(), serverSays));
    return error;
}

bool isKeepableEncryption(const QString &scheme)
{
    return scheme == QLatin1String("AES256") || scheme == QLatin1String("aws:kms");
}

} // namespace

ServerCopyJob::ServerCopyJob(S3Client *client, QString sourceBucket, QString sourceKey, QString bucket, QString key,
                             QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_sourceBucket(std::move(sourceBucket))
    , m_sourceKey(std::move(sourceKey))
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

void ServerCopyJob::setReplaceAttributes(const ObjectAttributes &attributes)
{
    m_replace = true;
    m_attributes = attributes;
}

void ServerCopyJob::setResumeUpload(const QString &uploadId, const QString &sourceEtag, qint64 partSize)
{
    m_resumeUploadId = uploadId;
    m_resumeEtag = sourceEtag;
    m_resumePartSize = partSize;
}

void ServerCopyJob::doStart()
{
    transition(Event::Start);
}

void ServerCopyJob::transition(Event event)
{
    switch (event) {
    case Event::Start:
        if (!m_replace && m_storageClass.isEmpty() && m_sourceBucket == m_bucket && m_sourceKey == m_key && m_sourceVersionId.isEmpty()) {
            fail(S3Error::invalid(u"copying an object onto itself needs new attributes or another storage class"_s));
            return;
        }
        m_state = State::Inspecting;
        inspect();
        return;
    case Event::Inspected:
        if (!m_expectedEtag.isEmpty() && m_source.etag != m_expectedEtag) {
            fail(S3Error::fromS3(412, u"PreconditionFailed"_s,
                                 u"%1 changed on the server since it was read (ETag %2, now %3)"_s.arg(m_sourceKey, m_expectedEtag, m_source.etag)));
            return;
        }
        if (!m_source.sseCustomerAlgorithm.isEmpty() && m_sourceSseCustomerKey.isNull()) {
            S3Error error = S3Error::invalid(u"%1: object is encrypted with a customer-provided key (SSE-C): give the key with "
                                             u"--sse-c-key-file / in the app's prompt"_s.arg(m_sourceKey));
            error.setCode(SseCustomerKeyRequiredCode);
            fail(error);
            return;
        }
        if (m_source.size < 0) {
            fail(S3Error::invalid(u"the server did not say how large %1 is"_s.arg(m_sourceKey)));
            return;
        }
        if (!m_replace && m_sourceBucket == m_bucket && m_sourceKey == m_key && m_source.storageClass == m_storageClass) {
            m_unchanged = true; // already in that class: a copy onto itself would change nothing (and S3 refuses it)
            m_state = State::Done;
            emitResult();
            return;
        }
        if (m_keepAcl) {
            m_state = State::FetchingAcl;
            fetchAcl();
            return;
        }
        [[fallthrough]];
    case Event::AclFetched:
        if (m_source.taggingCount > 0 && !(m_replace && !m_attributes.tags.isEmpty())) {
            m_state = State::FetchingTags;
            fetchTags();
            return;
        }
        copyInPlan();
        return;
    case Event::TagsFetched:
        copyInPlan();
        return;
    case Event::Created:
    case Event::PartsListed:
        m_state = State::CopyingParts;
        Q_EMIT uploadStarted(m_uploadId, m_source.etag, m_parts.partSize);
        if (m_copied > 0)
            Q_EMIT progress(m_copied, m_source.size);
        copyPartsOrVerify();
        return;
    case Event::UploadGone:
        m_resumeUploadId.clear();
        m_startedOver = true;
        m_state = State::Creating;
        createUpload();
        return;
    case Event::PartCopied:
        copyPartsOrVerify();
        return;
    case Event::SourceUnchanged:
        m_state = State::Completing;
        complete();
        return;
    case Event::WholeCopyNotImplemented:
        copyInParts();
        return;
    case Event::Completed:
    case Event::WholeCopied:
        if (!attributesForCopy().tags.isEmpty()) {
            m_state = State::Tagging;
            putTags();
            return;
        }
        [[fallthrough]];
    case Event::Tagged:
        if (m_keepAcl) {
            m_state = State::RestoringAcl;
            putAcl();
            return;
        }
        m_state = State::Done;
        emitResult();
        return;
    case Event::AclRestored:
        m_state = State::Done;
        emitResult();
        return;
    case Event::Failed:
        for (auto &part : m_running)
            cancelQuietly(part, this);
        m_running.clear();
        if (!m_uploadId.isEmpty() && m_state != State::Aborting) {
            if (m_resumable && m_error.isRetryable()) {
                // Kept for a retry, which continues from the parts copied so far (the caller holds the id).
                qCInfo(lcS3Transfer) << "multipart copy of" << m_sourceKey << "failed with a passing error; keeping upload"
                                     << m_uploadId << "for a retry";
                m_uploadId.clear();
                m_keptUpload = true;
                m_state = State::Done;
                emitResult(m_error);
                return;
            }
            m_state = State::Aborting;
            abortUpload();
            return;
        }
        m_state = State::Done;
        emitResult(m_error);
        return;
    case Event::Aborted:
        m_state = State::Done;
        emitResult(m_error);
        return;
    }
}

void ServerCopyJob::copyInPlan()
{
    const qint64 threshold = m_threshold >= 0 ? m_threshold : m_client->multipartCopyThreshold();
    if (m_source.size <= qMin(threshold, MaxSingleCopyBytes)) {
        if (!m_resumeUploadId.isEmpty()) {
            // The source shrank below the threshold since the earlier run: its parts are of no use.
            abortInBackground(m_resumeUploadId);
            m_resumeUploadId.clear();
            m_startedOver = true;
        }
        m_state = State::CopyingWhole;
        copyWhole();
        return;
    }
    copyInParts();
}

void ServerCopyJob::copyInParts()
{
    const bool resuming = !m_resumeUploadId.isEmpty();
    Result<PartPlan> plan = planParts(m_source.size, resuming ? m_resumePartSize : m_partSize);
    if (!plan) {
        fail(plan.error());
        return;
    }
    m_parts = *plan;
    if (resuming && (m_source.etag != m_resumeEtag || m_parts.partSize != m_resumePartSize)) {
        // Parts of another version of the source (or cut differently) must not be mixed into this copy.
        qCInfo(lcS3Transfer) << "the source of the paused copy" << m_sourceKey << "changed (ETag" << m_resumeEtag << "now"
                             << m_source.etag << "): starting over";
        abortInBackground(m_resumeUploadId);
        m_resumeUploadId.clear();
        m_startedOver = true;
        if (m_parts.partSize != m_partSize) {
            plan = planParts(m_source.size, m_partSize);
            if (!plan) {
                fail(plan.error());
                return;
            }
            m_parts = *plan;
        }
    }
    if (!m_resumeUploadId.isEmpty()) {
        m_state = State::ListingParts;
        listParts();
        return;
    }
    m_state = State::Creating;
    createUpload();
}

void ServerCopyJob::listParts()
{
    auto *list = new ListPartsJob(m_client, m_bucket, m_key, m_resumeUploadId, this);
    m_control = list;
    connect(list, &Job::finished, this, [this, list] {
        m_control = nullptr;
        if (list->hasError()) {
            if (list->error().code() == QLatin1String("NoSuchUpload") || list->error().httpStatus() == 404) {
                qCInfo(lcS3Transfer) << "the upload of the paused copy" << m_sourceKey << "is gone: starting over";
                transition(Event::UploadGone);
                return;
            }
            S3Error error = list->error();
            error.setMessage(u"listing the parts already copied to %1: %2"_s.arg(m_key, error.message()));
            fail(error); // the upload id is not taken yet: nothing is aborted, a retry lists again
            return;
        }
        m_uploadId = m_resumeUploadId;
        for (const PartInfo &part : list->parts()) {
            const int index = part.partNumber - 1;
            // A part of another length (cut by other rules) or outside the plan is copied again.
            if (index < 0 || index >= m_parts.partCount || part.size != m_parts.partLength(index) || part.etag.isEmpty()
                || m_doneNumbers.contains(part.partNumber))
                continue;
            m_done.append({part.partNumber, part.etag});
            m_doneNumbers.insert(part.partNumber);
            m_copied += part.size;
        }
        qCInfo(lcS3Transfer) << "continuing the multipart copy of" << m_sourceKey << "with" << m_done.size() << "of"
                             << m_parts.partCount << "parts copied";
        transition(Event::PartsListed);
    });
    list->start();
}

void ServerCopyJob::copyPartsOrVerify()
{
    if (m_done.size() == m_parts.partCount) {
        if (m_running.isEmpty()) {
            m_state = State::Verifying;
            verifySource();
        }
        return;
    }
    copyMoreParts();
}

void ServerCopyJob::abortInBackground(const QString &uploadId) const
{
    // Runs under the client, which outlives this job.
    auto *abort = new AbortMultipartUploadJob(m_client, m_bucket, m_key, uploadId, m_client);
    abort->start();
}

void ServerCopyJob::fetchAcl()
{
    S3Request request;
    request.bucket = m_sourceBucket;
    request.key = m_sourceKey;
    request.query = {{QByteArrayLiteral("acl"), QByteArray()}};
    if (!m_sourceVersionId.isEmpty())
        request.query.append({QByteArrayLiteral("versionId"), m_sourceVersionId.toUtf8()});
    auto *get = new RawRequestJob(m_client, request, this);
    get->setMaxBodyBytes(MaxAclBytes);
    m_control = get;
    connect(get, &Job::finished, this, [this, get] {
        m_control = nullptr;
        if (get->hasError() && get->error().httpStatus() == 501) {
            // A server without ACLs has no grants a copy could lose.
            m_keepAcl = false;
            transition(Event::AclFetched);
            return;
        }
        if (get->hasError()) {
            S3Error error = get->error();
            error.setMessage(u"reading the permissions (ACL) of %1: %2"_s.arg(m_sourceKey, error.message()));
            fail(error);
            return;
        }
        m_acl = get->responseBody();
        if (!xml::isAccessControlPolicy(m_acl)) {
            fail(S3Error::invalid(u"the server answered the ACL request for %1 with something that is not an "
                                  "AccessControlPolicy"_s.arg(m_sourceKey)));
            return;
        }
        transition(Event::AclFetched);
    });
    get->start();
}

void ServerCopyJob::putAcl()
{
    auto *put = new RawRequestJob(m_client, putSubresourceRequest(m_bucket, m_key, QByteArrayLiteral("acl"), m_acl), this);
    m_control = put;
    connect(put, &Job::finished, this, [this, put] {
        m_control = nullptr;
        if (put->hasError()) {
            // The data is copied; only the grants are missing. Say so rather than undo a finished copy.
            S3Error error = put->error();
            error.setMessage(u"%1 was copied, but its permissions (ACL) could not be set again: %2; the copy is "
                             "private"_s.arg(m_key, error.message()));
            m_state = State::Done;
            emitResult(error);
            return;
        }
        transition(Event::AclRestored);
    });
    put->start();
}

void ServerCopyJob::putTags()
{
    auto *put = new RawRequestJob(
        m_client, putSubresourceRequest(m_bucket, m_key, QByteArrayLiteral("tagging"), xml::buildTagging(attributesForCopy().tags)), this);
    m_control = put;
    connect(put, &Job::finished, this, [this, put] {
        m_control = nullptr;
        if (put->hasError()) {
            S3Error error = put->error();
            error.setMessage(u"%1 was copied, but its tags could not be set: %2"_s.arg(m_key, error.message()));
            m_state = State::Done;
            emitResult(error);
            return;
        }
        transition(Event::Tagged);
    });
    put->start();
}

void ServerCopyJob::fail(const S3Error &error)
{
    if (!m_error.isError())
        m_error = error;
    transition(Event::Failed);
}

void ServerCopyJob::inspect()
{
    auto *head = new HeadObjectJob(m_client, m_sourceBucket, m_sourceKey, this);
    head->setVersionId(m_sourceVersionId);
    head->setSseCustomerKey(m_sourceSseCustomerKey);
    m_control = head;
    connect(head, &Job::finished, this, [this, head] {
        m_control = nullptr;
        if (head->hasError()) {
            // A HEAD answer has no body: a missing source reads as what CopyObject would have said.
            if (head->error().httpStatus() == 404 && !m_sourceVersionId.isEmpty()) {
                fail(S3Error::fromS3(404, u"NoSuchVersion"_s, u"version %1 of %2 does not exist in %3, or is a delete marker (Ceph RGW answers "
                                                                  "a HEAD of one with 404), which has no data to copy"_s
                                                                  .arg(m_sourceVersionId, m_sourceKey, m_sourceBucket)));
                return;
            }
            if (head->error().httpStatus() == 405 && !m_sourceVersionId.isEmpty()) {
                fail(S3Error::fromS3(405, u"MethodNotAllowed"_s, u"version %1 of %2 is a delete marker, which has no data "
                                                                   "to copy"_s.arg(m_sourceVersionId, m_sourceKey)));
                return;
            }
            if (head->error().httpStatus() == 404) {
                fail(S3Error::fromS3(404, u"NoSuchKey"_s, u"%1 does not exist in %2"_s.arg(m_sourceKey, m_sourceBucket)));
                return;
            }
            fail(head->error());
            return;
        }
        m_source = head->metadata();
        transition(Event::Inspected);
    });
    head->start();
}

void ServerCopyJob::fetchTags()
{
    auto *tagging = new GetObjectTaggingJob(m_client, m_sourceBucket, m_sourceKey, this);
    tagging->setVersionId(m_sourceVersionId);
    m_control = tagging;
    connect(tagging, &Job::finished, this, [this, tagging] {
        m_control = nullptr;
        if (tagging->hasError()) {
            fail(tagging->error());
            return;
        }
        m_tags = tagging->tags();
        transition(Event::TagsFetched);
    });
    tagging->start();
}

ObjectAttributes ServerCopyJob::attributesForCopy() const
{
    ObjectAttributes attributes = m_replace ? m_attributes : attributesFromMetadata(m_source);
    if (attributes.serverSideEncryption.isEmpty() && isKeepableEncryption(m_source.serverSideEncryption)) {
        attributes.serverSideEncryption = m_source.serverSideEncryption;
        attributes.sseKmsKeyId = m_source.sseKmsKeyId;
    }
    // The storage class is a request header whatever the metadata directive: without it the copy is STANDARD.
    if (!m_storageClass.isEmpty())
        attributes.storageClass = m_storageClass;
    else if (attributes.storageClass.isEmpty() && m_source.storageClass != QLatin1String("STANDARD"))
        attributes.storageClass = m_source.storageClass;
    if (attributes.tags.isEmpty())
        attributes.tags = m_tags;
    attributes.sseCustomerKey = destinationSseCustomerKey();
    if (!attributes.sseCustomerKey.isNull()) {
        // SSE-C excludes the other schemes (some servers also name AES256 in the HEAD of an SSE-C object).
        attributes.serverSideEncryption.clear();
        attributes.sseKmsKeyId.clear();
    }
    return attributes;
}

SseCustomerKey ServerCopyJob::destinationSseCustomerKey() const
{
    if (!m_destinationSseCustomerKey.isNull())
        return m_destinationSseCustomerKey;
    if (!m_attributes.sseCustomerKey.isNull())
        return m_attributes.sseCustomerKey;
    return m_sourceSseCustomerKey;
}

void ServerCopyJob::copyWhole()
{
    auto *copy = new CopyObjectJob(m_client, m_sourceBucket, m_sourceKey, m_bucket, m_key, this);
    copy->setSourceIfMatch(m_source.etag);
    copy->setSourceSize(m_source.size);
    copy->setSourceVersionId(m_sourceVersionId);
    copy->setSourceSseCustomerKey(m_sourceSseCustomerKey);
    copy->setSseCustomerKey(destinationSseCustomerKey());
    if (m_replace) {
        copy->setReplaceAttributes(attributesForCopy());
    } else {
        if (isKeepableEncryption(m_source.serverSideEncryption) && destinationSseCustomerKey().isNull())
            copy->setEncryption(m_source.serverSideEncryption, m_source.sseKmsKeyId);
        copy->setStorageClass(attributesForCopy().storageClass);
    }
    m_control = copy;
    connect(copy, &Job::finished, this, [this, copy] {
        m_control = nullptr;
        if (copy->hasError()) {
            const bool encrypted = !m_source.serverSideEncryption.isEmpty() || !m_source.sseCustomerAlgorithm.isEmpty();
            if (copy->error().httpStatus() == 501 && encrypted && m_source.size > 0) {
                qCInfo(lcS3Transfer) << "the server does not copy encrypted" << m_sourceKey
                                     << "in one request (HTTP 501): copying it in parts";
                transition(Event::WholeCopyNotImplemented);
                return;
            }
            fail(explainStorageClassRefusal(copy->error(), m_storageClass));
            return;
        }
        m_result = copy->result();
        m_copied = m_source.size;
        Q_EMIT progress(m_copied, m_source.size);
        transition(Event::WholeCopied);
    });
    copy->start();
}

void ServerCopyJob::createUpload()
{
    auto *create = new CreateMultipartUploadJob(m_client, m_bucket, m_key, attributesForCopy(), this);
    m_control = create;
    connect(create, &Job::finished, this, [this, create] {
        m_control = nullptr;
        if (create->hasError()) {
            fail(explainStorageClassRefusal(create->error(), m_storageClass));
            return;
        }
        m_uploadId = create->uploadId();
        qCInfo(lcS3Transfer) << "multipart copy of" << m_sourceKey << "to" << m_key << "in" << m_parts.partCount
                             << "parts:" << m_uploadId;
        transition(Event::Created);
    });
    create->start();
}

void ServerCopyJob::copyMoreParts()
{
    while (m_running.size() < m_concurrency && m_nextPart < m_parts.partCount) {
        const int index = m_nextPart++;
        if (m_doneNumbers.contains(index + 1))
            continue;
        const qint64 first = m_parts.partOffset(index);
        const qint64 last = first + m_parts.partLength(index) - 1;
        auto *part = new UploadPartCopyJob(m_client, m_bucket, m_key, m_uploadId, index + 1, m_sourceBucket,
                                           m_sourceKey, first, last, this);
        part->setSourceIfMatch(m_source.etag);
        part->setSourceVersionId(m_sourceVersionId);
        part->setSourceSseCustomerKey(m_sourceSseCustomerKey);
        part->setSseCustomerKey(destinationSseCustomerKey());
        m_running.insert(index + 1, part);
        connect(part, &Job::finished, this, [this, part] {
            m_running.remove(part->partNumber());
            if (part->hasError()) {
                S3Error error = part->error();
                error.setMessage(u"copying part %1 of %2: %3"_s.arg(part->partNumber()).arg(m_parts.partCount).arg(error.message()));
                fail(error);
                return;
            }
            m_done.append({part->partNumber(), part->etag()});
            m_doneNumbers.insert(part->partNumber());
            m_copied += part->length();
            Q_EMIT progress(m_copied, m_source.size);
            transition(Event::PartCopied);
        });
        part->start();
    }
}

void ServerCopyJob::verifySource()
{
    auto *head = new HeadObjectJob(m_client, m_sourceBucket, m_sourceKey, this);
    head->setVersionId(m_sourceVersionId);
    head->setSseCustomerKey(m_sourceSseCustomerKey);
    m_control = head;
    connect(head, &Job::finished, this, [this, head] {
        m_control = nullptr;
        if (head->hasError()) {
            S3Error error = head->error();
            error.setMessage(u"%1 could not be looked at again before the copy was assembled: %2"_s.arg(m_sourceKey, error.message()));
            fail(error);
            return;
        }
        if (head->metadata().etag != m_source.etag) {
            fail(S3Error::fromS3(412, u"PreconditionFailed"_s,
                                 u"%1 changed on the server during the copy (ETag %2, now %3); nothing was copied"_s
                                     .arg(m_sourceKey, m_source.etag, head->metadata().etag)));
            return;
        }
        transition(Event::SourceUnchanged);
    });
    head->start();
}

void ServerCopyJob::complete()
{
    auto *completeJob = new CompleteMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, m_done, this);
    completeJob->setSseCustomerKey(destinationSseCustomerKey());
    m_control = completeJob;
    connect(completeJob, &Job::finished, this, [this, completeJob] {
        m_control = nullptr;
        if (completeJob->hasError()) {
            // Abort even then: if the Complete did succeed after all, the abort finds nothing and the object
            // stays; if it did not, no parts are left billed.
            fail(completeJob->error());
            return;
        }
        m_result.etag = completeJob->result().etag;
        m_uploadId.clear();
        transition(Event::Completed);
    });
    completeJob->start();
}

void ServerCopyJob::abortUpload()
{
    auto *abort = new AbortMultipartUploadJob(m_client, m_bucket, m_key, m_uploadId, this);
    m_control = abort;
    connect(abort, &Job::finished, this, [this, abort] {
        m_control = nullptr;
        if (abort->hasError()) {
            m_error.setMessage(u"%1; the unfinished upload %2 of %3 could not be removed either (%4): remove it "
                               "with \"Incomplete uploads\" or s3desk-cli abort"_s
                                   .arg(m_error.message(), m_uploadId, m_key, abort->error().message()));
        }
        m_uploadId.clear();
        transition(Event::Aborted);
    });
    abort->start();
}

void ServerCopyJob::doCancel()
{
    for (auto &part : m_running)
        cancelQuietly(part, this);
    m_running.clear();
    // Whatever is in flight ends with this job; an upload that exists (or is being created) must not outlive it,
    // unless a later run continues it (resumable, with parts to keep). The abort runs under the client, which
    // outlives the job.
    S3Client *client = m_client;
    const QString bucket = m_bucket;
    const QString key = m_key;
    const auto abortLater = [client, bucket, key](const QString &uploadId) {
        auto *abort = new AbortMultipartUploadJob(client, bucket, key, uploadId, client);
        abort->start();
    };
    const bool keep = m_resumable && (m_state == State::CopyingParts || m_state == State::Verifying || m_state == State::Completing);
    if (m_state == State::Creating && m_control) {
        auto *create = qobject_cast<CreateMultipartUploadJob *>(m_control.data());
        create->disconnect(this);
        create->setParent(client);
        connect(create, &Job::finished, client, [create, abortLater] {
            if (!create->hasError())
                abortLater(create->uploadId());
        });
        m_control = nullptr;
    } else {
        cancelQuietly(m_control, this);
        if (!m_uploadId.isEmpty() && m_state != State::Done && !keep)
            abortLater(m_uploadId);
    }
    m_uploadId.clear();
    m_state = State::Done;
}

} // namespace s3
