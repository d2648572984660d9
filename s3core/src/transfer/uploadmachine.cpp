// SPDX-License-Identifier: Apache-2.0
#include "s3core/transfer/uploadmachine.h"

#include "s3core/net/retrypolicy.h"
#include "s3core/s3error.h"

namespace s3 {

namespace {

using S = UploadState;
using E = UploadEvent;
using A = UploadAction;

// Stop for a pause: kept if it can be resumed; a stream cannot be read again, so its upload goes.
UploadStep suspend(const UploadContext &context)
{
    return context.resumable ? UploadStep{S::Kept, A::StopAndKeep} : UploadStep{S::Aborting, A::StopAndAbort};
}

// A request failed for good: keep what the server has only when a resume can use it.
UploadStep failure(const UploadContext &context)
{
    return context.resumable && context.transient ? UploadStep{S::Kept, A::KeepAndFail} : UploadStep{S::Aborting, A::StopAndAbort};
}

UploadStep aborted(const UploadContext &context)
{
    return context.callerAborted ? UploadStep{S::Aborted, A::ReportAborted} : UploadStep{S::Failed, A::ReportFailed};
}

} // namespace

UploadStep uploadTransition(UploadState state, UploadEvent event, const UploadContext &context)
{
    const UploadStep stay{state, A::None};
    const UploadStep refuse{state, A::Refuse};
    switch (state) {
    case S::Idle:
        switch (event) {
        case E::Create: return {S::Creating, A::SendCreate};
        case E::Resume: return {S::Resuming, A::SendListParts};
        case E::Adopt: return {S::Kept, A::None};
        case E::Abort: return {S::Aborted, A::ReportAborted}; // nothing was sent
        case E::Suspend: return stay;
        default: return refuse;
        }
    case S::Creating:
        switch (event) {
        case E::Created: return {S::Uploading, A::StartParts};
        case E::CreateFailed: return {S::Failed, A::ReportFailed}; // nothing was created
        // The id is not known yet, so the upload cannot be kept: it is aborted as soon as the answer brings it.
        case E::RequestFailed:
        case E::Abort:
        case E::Suspend: return {S::Aborting, A::StopAndAbort};
        case E::PartsDone: return stay; // looked at again once the id is there
        default: return refuse;
        }
    case S::Resuming:
        switch (event) {
        case E::Listed: return {S::Uploading, A::StartParts};
        // Not ours to abort: the upload may be gone, or the network may be; its owner decides.
        case E::RequestFailed: return context.resumable ? UploadStep{S::Kept, A::KeepAndFail} : UploadStep{S::Failed, A::ReportFailed};
        case E::Abort: return {S::Aborting, A::StopAndAbort};
        case E::Suspend: return suspend(context);
        default: return refuse;
        }
    case S::Uploading:
        switch (event) {
        case E::PartsDone: return {S::Completing, A::SendComplete};
        case E::RequestFailed: return failure(context);
        case E::Abort: return {S::Aborting, A::StopAndAbort};
        case E::Suspend: return suspend(context);
        default: return refuse;
        }
    case S::Completing:
        switch (event) {
        case E::Completed: return {S::Completed, A::ReportCompleted};
        // Abort even then, unless a resume will look: if the Complete did succeed after all, the abort finds
        // nothing (NoSuchUpload) and the object stays; if it did not, no parts are left billed.
        case E::RequestFailed: return failure(context);
        case E::Abort: return refuse; // the request is sent: the server decides
        case E::Suspend: return context.resumable ? UploadStep{S::Kept, A::StopAndKeep} : refuse;
        case E::PartsDone: return stay;
        default: return refuse;
        }
    case S::Aborting:
        switch (event) {
        case E::Created: return {S::Aborting, A::StopAndAbort}; // the id to abort has come
        case E::CreateFailed: return aborted(context); // nothing was created: nothing to abort
        case E::AbortDone: return aborted(context);
        case E::AbortFailed: return {S::Kept, A::ReportFailed};
        case E::Abort:
        case E::Suspend:
        case E::RequestFailed: // the first error is the one reported
        case E::PartsDone: return stay;
        default: return refuse;
        }
    case S::Kept:
        switch (event) {
        case E::Resume: return {S::Resuming, A::SendListParts};
        case E::Abort: return {S::Aborting, A::StopAndAbort};
        case E::Suspend:
        case E::RequestFailed:
        case E::PartsDone: return stay;
        default: return refuse;
        }
    case S::Completed:
    case S::Aborted:
    case S::Failed:
        switch (event) {
        case E::Create:
        case E::Resume:
        case E::Adopt: return refuse;
        default: return stay; // late answers and repeated calls change nothing
        }
    }
    return refuse;
}

bool isTransientUploadError(const S3Error &error)
{
    if (error.kind() == S3Error::Kind::Cancelled)
        return false;
    const RetryPolicy::Category category = RetryPolicy::classify(error);
    return category == RetryPolicy::Category::Transient || category == RetryPolicy::Category::ServerError
        || category == RetryPolicy::Category::Throttling;
}

const char *uploadStateName(UploadState state)
{
    switch (state) {
    case S::Idle: return "Idle";
    case S::Creating: return "Creating";
    case S::Resuming: return "Resuming";
    case S::Uploading: return "Uploading";
    case S::Completing: return "Completing";
    case S::Aborting: return "Aborting";
    case S::Kept: return "Kept";
    case S::Completed: return "Completed";
    case S::Aborted: return "Aborted";
    case S::Failed: return "Failed";
    }
    return "?";
}

const char *uploadEventName(UploadEvent event)
{
    switch (event) {
    case E::Create: return "Create";
    case E::Resume: return "Resume";
    case E::Adopt: return "Adopt";
    case E::Created: return "Created";
    case E::CreateFailed: return "CreateFailed";
    case E::Listed: return "Listed";
    case E::PartsDone: return "PartsDone";
    case E::Completed: return "Completed";
    case E::RequestFailed: return "RequestFailed";
    case E::Abort: return "Abort";
    case E::Suspend: return "Suspend";
    case E::AbortDone: return "AbortDone";
    case E::AbortFailed: return "AbortFailed";
    }
    return "?";
}

} // namespace s3
