// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "s3core/s3core_export.h"

namespace s3 {

class S3Error;

/**
 * The states of a multipart upload, as MultipartUploader runs it for every upload S3Desk makes (files from the
 * transfer queue, streams, the manual API). uploadTransition() is the only place that moves between them.
 */
enum class UploadState {
    Idle,       ///< nothing sent yet
    Creating,   ///< CreateMultipartUpload on its way; parts wait for the id
    Resuming,   ///< ListParts on its way for an existing upload id
    Uploading,  ///< parts are sent
    Completing, ///< CompleteMultipartUpload on its way: the server decides now
    Aborting,   ///< parts stopped; AbortMultipartUpload on its way (or waiting for the id Create brings)
    Kept,       ///< stopped, the upload stays on the server for a resume or a later abort (its id is known)
    Completed,  ///< the object exists
    Aborted,    ///< the caller's abort is done: nothing left on the server
    Failed,     ///< failed; the upload was aborted, or never existed, or belongs to someone else (resume)
};

enum class UploadEvent {
    Create,        ///< the caller starts a new upload
    Resume,        ///< the caller takes over an upload id: ListParts
    Adopt,         ///< the caller hands over an upload id it kept, without listing (to abort it)
    Created,       ///< CreateMultipartUpload answered with the id
    CreateFailed,  ///< CreateMultipartUpload failed: nothing was created
    Listed,        ///< ListParts answered
    PartsDone,     ///< complete() was asked and no part is waiting or in flight
    Completed,     ///< CompleteMultipartUpload succeeded
    RequestFailed, ///< a part, ListParts or Complete failed for good, or the caller failed the upload (a local cause)
    Abort,         ///< the caller aborts (cancel)
    Suspend,       ///< the caller pauses: stop, keeping the upload if it can be resumed
    AbortDone,     ///< AbortMultipartUpload succeeded (or found the upload gone)
    AbortFailed,   ///< AbortMultipartUpload failed
};

enum class UploadAction {
    None,            ///< nothing to do (a late answer, a repeated request)
    Refuse,          ///< the event makes no sense in this state: ignored with a warning
    SendCreate,      ///< CreateMultipartUpload
    SendListParts,   ///< ListParts
    StartParts,      ///< announce the id (created / resumed) and send parts
    SendComplete,    ///< CompleteMultipartUpload with every part
    StopAndAbort,    ///< stop the parts, send AbortMultipartUpload (at once, or when Create brings the id)
    StopAndKeep,     ///< stop the parts and Complete, keep the upload (silently: the caller asked)
    KeepAndFail,     ///< stop the parts, keep the upload, report the failure
    ReportCompleted, ///< completed()
    ReportAborted,   ///< aborted()
    ReportFailed,    ///< failed(), naming an abort that failed too
};

/** What the transition depends on besides the state and the event. */
struct UploadContext
{
    /** Someone keeps the upload id and can read the parts again later (a file with a queue entry); never a stream. */
    bool resumable = false;
    /** For RequestFailed: the error outlived its retries but may pass (network, 5xx, throttling). */
    bool transient = false;
    /** The abort under way was asked by the caller, not caused by a failure. */
    bool callerAborted = false;
};

struct UploadStep
{
    UploadState next;
    UploadAction action;
    friend bool operator==(const UploadStep &, const UploadStep &) = default;
};

/**
 * The one transition function of multipart uploads. The keep/abort policy lives here: an upload is kept only when
 * it can be resumed (context.resumable) and it stops for a pause or a transient failure; a stream, a cancel and a
 * fatal error abort it (no part left billed). An abort that fails leaves it Kept, so its owner can try again or
 * hand it to someone who will (the transfer queue's list of abandoned uploads). Pure: no I/O, no clock.
 */
S3CORE_EXPORT UploadStep uploadTransition(UploadState state, UploadEvent event, const UploadContext &context);

/** True for an error that may pass by itself (network trouble, 5xx, throttling); not for a cancel. */
S3CORE_EXPORT bool isTransientUploadError(const S3Error &error);

S3CORE_EXPORT const char *uploadStateName(UploadState state);
S3CORE_EXPORT const char *uploadEventName(UploadEvent event);

} // namespace s3
