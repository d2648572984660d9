// SPDX-License-Identifier: Apache-2.0
// The multipart upload state machine's transition function (uploadmachine.h): every state x event, and the
// keep/abort policy under every context.
#include <QTest>

#include "s3core/s3error.h"
#include "s3core/transfer/uploadmachine.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(s3::UploadState)
Q_DECLARE_METATYPE(s3::UploadEvent)
Q_DECLARE_METATYPE(s3::UploadAction)

namespace {

using S = UploadState;
using E = UploadEvent;
using A = UploadAction;

constexpr S AllStates[] = {S::Idle, S::Creating, S::Resuming, S::Uploading, S::Completing,
                           S::Aborting, S::Kept, S::Completed, S::Aborted, S::Failed};
constexpr E AllEvents[] = {E::Create, E::Resume, E::Adopt, E::Created, E::CreateFailed, E::Listed, E::PartsDone,
                           E::Completed, E::RequestFailed, E::Abort, E::Suspend, E::AbortDone, E::AbortFailed};
constexpr int EventCount = int(std::size(AllEvents));

struct Row
{
    S state;
    UploadStep steps[EventCount]; // in the order of AllEvents
};

// The reference: a stream or manual upload (not resumable), a fatal error, a failure-driven abort.
const UploadStep R{S::Idle, A::Refuse}; // placeholder state: refused events keep the state, filled in below
const Row Plain[] = {
    // Create, Resume, Adopt, Created, CreateFailed, Listed, PartsDone, Completed, RequestFailed, Abort, Suspend, AbortDone, AbortFailed
    {S::Idle, {{S::Creating, A::SendCreate}, {S::Resuming, A::SendListParts}, {S::Kept, A::None}, R, R, R, R, R, R,
               {S::Aborted, A::ReportAborted}, {S::Idle, A::None}, R, R}},
    {S::Creating, {R, R, R, {S::Uploading, A::StartParts}, {S::Failed, A::ReportFailed}, R, {S::Creating, A::None}, R,
                   {S::Aborting, A::StopAndAbort}, {S::Aborting, A::StopAndAbort}, {S::Aborting, A::StopAndAbort}, R, R}},
    {S::Resuming, {R, R, R, R, R, {S::Uploading, A::StartParts}, R, R, {S::Failed, A::ReportFailed},
                   {S::Aborting, A::StopAndAbort}, {S::Aborting, A::StopAndAbort}, R, R}},
    {S::Uploading, {R, R, R, R, R, R, {S::Completing, A::SendComplete}, R, {S::Aborting, A::StopAndAbort},
                    {S::Aborting, A::StopAndAbort}, {S::Aborting, A::StopAndAbort}, R, R}},
    {S::Completing, {R, R, R, R, R, R, {S::Completing, A::None}, {S::Completed, A::ReportCompleted},
                     {S::Aborting, A::StopAndAbort}, R, R, R, R}},
    {S::Aborting, {R, R, R, {S::Aborting, A::StopAndAbort}, {S::Failed, A::ReportFailed}, R, {S::Aborting, A::None}, R,
                   {S::Aborting, A::None}, {S::Aborting, A::None}, {S::Aborting, A::None}, {S::Failed, A::ReportFailed},
                   {S::Kept, A::ReportFailed}}},
    {S::Kept, {R, {S::Resuming, A::SendListParts}, R, R, R, R, {S::Kept, A::None}, R, {S::Kept, A::None},
               {S::Aborting, A::StopAndAbort}, {S::Kept, A::None}, R, R}},
    {S::Completed, {R, R, R, {S::Completed, A::None}, {S::Completed, A::None}, {S::Completed, A::None}, {S::Completed, A::None},
                    {S::Completed, A::None}, {S::Completed, A::None}, {S::Completed, A::None}, {S::Completed, A::None},
                    {S::Completed, A::None}, {S::Completed, A::None}}},
    {S::Aborted, {R, R, R, {S::Aborted, A::None}, {S::Aborted, A::None}, {S::Aborted, A::None}, {S::Aborted, A::None},
                  {S::Aborted, A::None}, {S::Aborted, A::None}, {S::Aborted, A::None}, {S::Aborted, A::None},
                  {S::Aborted, A::None}, {S::Aborted, A::None}}},
    {S::Failed, {R, R, R, {S::Failed, A::None}, {S::Failed, A::None}, {S::Failed, A::None}, {S::Failed, A::None},
                 {S::Failed, A::None}, {S::Failed, A::None}, {S::Failed, A::None}, {S::Failed, A::None},
                 {S::Failed, A::None}, {S::Failed, A::None}}},
};

UploadContext context(bool resumable, bool transient, bool callerAborted)
{
    UploadContext result;
    result.resumable = resumable;
    result.transient = transient;
    result.callerAborted = callerAborted;
    return result;
}

} // namespace

class TestUploadMachine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyStateAndEvent_data()
    {
        QTest::addColumn<S>("state");
        QTest::addColumn<E>("event");
        QTest::addColumn<S>("next");
        QTest::addColumn<A>("action");
        QCOMPARE(int(std::size(Plain)), int(std::size(AllStates)));
        for (const Row &row : Plain) {
            for (int i = 0; i < EventCount; ++i) {
                const UploadStep step = row.steps[i].action == A::Refuse ? UploadStep{row.state, A::Refuse} : row.steps[i];
                QTest::addRow("%s/%s", uploadStateName(row.state), uploadEventName(AllEvents[i]))
                    << row.state << AllEvents[i] << step.next << step.action;
            }
        }
    }

    void everyStateAndEvent()
    {
        QFETCH(S, state);
        QFETCH(E, event);
        QFETCH(S, next);
        QFETCH(A, action);
        const UploadStep step = uploadTransition(state, event, {});
        QCOMPARE(uploadStateName(step.next), uploadStateName(next));
        QCOMPARE(int(step.action), int(action));
    }

    // The cells that depend on the context: who may keep the upload, and how an abort ends.
    void policy_data()
    {
        QTest::addColumn<S>("state");
        QTest::addColumn<E>("event");
        QTest::addColumn<bool>("resumable");
        QTest::addColumn<bool>("transient");
        QTest::addColumn<bool>("callerAborted");
        QTest::addColumn<S>("next");
        QTest::addColumn<A>("action");
        // A file upload with a queue entry keeps its upload on a transient failure, and on a pause.
        QTest::newRow("resumable part fails transiently") << S::Uploading << E::RequestFailed << true << true << false << S::Kept << A::KeepAndFail;
        QTest::newRow("resumable complete fails transiently") << S::Completing << E::RequestFailed << true << true << false << S::Kept << A::KeepAndFail;
        QTest::newRow("resumable paused while uploading") << S::Uploading << E::Suspend << true << false << false << S::Kept << A::StopAndKeep;
        QTest::newRow("resumable paused while listing") << S::Resuming << E::Suspend << true << false << false << S::Kept << A::StopAndKeep;
        QTest::newRow("resumable paused while completing") << S::Completing << E::Suspend << true << false << false << S::Kept << A::StopAndKeep;
        QTest::newRow("resumable listing fails") << S::Resuming << E::RequestFailed << true << false << false << S::Kept << A::KeepAndFail;
        // ... but not on a fatal error, nor when the id is not known yet.
        QTest::newRow("resumable part fails for good") << S::Uploading << E::RequestFailed << true << false << false << S::Aborting << A::StopAndAbort;
        QTest::newRow("resumable complete fails for good") << S::Completing << E::RequestFailed << true << false << false << S::Aborting << A::StopAndAbort;
        QTest::newRow("resumable paused while creating") << S::Creating << E::Suspend << true << false << false << S::Aborting << A::StopAndAbort;
        QTest::newRow("resumable cancelled") << S::Uploading << E::Abort << true << false << false << S::Aborting << A::StopAndAbort;
        // A stream is never kept, even on a transient failure.
        QTest::newRow("stream part fails transiently") << S::Uploading << E::RequestFailed << false << true << false << S::Aborting << A::StopAndAbort;
        QTest::newRow("stream paused") << S::Uploading << E::Suspend << false << false << false << S::Aborting << A::StopAndAbort;
        QTest::newRow("stream paused while completing") << S::Completing << E::Suspend << false << false << false << S::Completing << A::Refuse;
        // How an abort ends: the caller's is reported as aborted, a failure's as failed.
        QTest::newRow("caller's abort done") << S::Aborting << E::AbortDone << false << false << true << S::Aborted << A::ReportAborted;
        QTest::newRow("caller's abort while creating, create fails") << S::Aborting << E::CreateFailed << false << false << true << S::Aborted << A::ReportAborted;
        QTest::newRow("caller's abort fails") << S::Aborting << E::AbortFailed << false << false << true << S::Kept << A::ReportFailed;
        QTest::newRow("failure's abort fails, resumable") << S::Aborting << E::AbortFailed << true << false << false << S::Kept << A::ReportFailed;
    }

    void policy()
    {
        QFETCH(S, state);
        QFETCH(E, event);
        QFETCH(bool, resumable);
        QFETCH(bool, transient);
        QFETCH(bool, callerAborted);
        QFETCH(S, next);
        QFETCH(A, action);
        const UploadStep step = uploadTransition(state, event, context(resumable, transient, callerAborted));
        QCOMPARE(uploadStateName(step.next), uploadStateName(next));
        QCOMPARE(int(step.action), int(action));
    }

    // Over every state, event and context: the invariants the policy promises.
    void invariants()
    {
        int checked = 0;
        for (S state : AllStates) {
            for (E event : AllEvents) {
                for (int bits = 0; bits < 8; ++bits) {
                    const UploadContext ctx = context(bits & 1, bits & 2, bits & 4);
                    const UploadStep step = uploadTransition(state, event, ctx);
                    const QByteArray where = QByteArray(uploadStateName(state)) + '/' + uploadEventName(event) + '/' + QByteArray::number(bits);
                    // A refused event changes nothing.
                    if (step.action == A::Refuse)
                        QVERIFY2(step.next == state, where.constData());
                    // The end states are final.
                    if (state == S::Completed || state == S::Aborted || state == S::Failed)
                        QVERIFY2(step.next == state, where.constData());
                    // Only a resumable upload is kept by choice; otherwise only an abort that failed (or a
                    // caller's adopt, which sends nothing) leaves it on the server.
                    if (step.next == S::Kept && state != S::Kept && !ctx.resumable)
                        QVERIFY2(event == E::AbortFailed || event == E::Adopt, where.constData());
                    if (step.action == A::StopAndKeep || step.action == A::KeepAndFail)
                        QVERIFY2(ctx.resumable, where.constData());
                    // A fatal error never keeps an upload whose parts are sent.
                    if (event == E::RequestFailed && !ctx.transient && (state == S::Uploading || state == S::Completing))
                        QVERIFY2(step.next == S::Aborting, where.constData());
                    // A cancel before Complete always aborts.
                    if (event == E::Abort && (state == S::Creating || state == S::Resuming || state == S::Uploading || state == S::Kept))
                        QVERIFY2(step.action == A::StopAndAbort, where.constData());
                    ++checked;
                }
            }
        }
        QCOMPARE(checked, int(std::size(AllStates)) * EventCount * 8);
    }

    void transientErrors_data()
    {
        QTest::addColumn<S3Error>("error");
        QTest::addColumn<bool>("transient");
        S3Error slowDown(S3Error::Kind::S3, u"slow down"_s);
        slowDown.setCode(u"SlowDown"_s);
        slowDown.setHttpStatus(503);
        S3Error internal(S3Error::Kind::S3, u"internal"_s);
        internal.setCode(u"InternalError"_s);
        internal.setHttpStatus(500);
        S3Error denied(S3Error::Kind::S3, u"denied"_s);
        denied.setCode(u"AccessDenied"_s);
        denied.setHttpStatus(403);
        S3Error noUpload(S3Error::Kind::S3, u"gone"_s);
        noUpload.setCode(u"NoSuchUpload"_s);
        noUpload.setHttpStatus(404);
        QTest::newRow("network") << S3Error(S3Error::Kind::Network, u"connection reset"_s) << true;
        QTest::newRow("SlowDown") << slowDown << true;
        QTest::newRow("InternalError") << internal << true;
        QTest::newRow("AccessDenied") << denied << false;
        QTest::newRow("NoSuchUpload") << noUpload << false;
        QTest::newRow("local file changed") << S3Error::io(u"changed"_s) << false;
        QTest::newRow("cancelled") << S3Error::cancelled() << false;
    }

    void transientErrors()
    {
        QFETCH(S3Error, error);
        QFETCH(bool, transient);
        QCOMPARE(isTransientUploadError(error), transient);
    }
};

QTEST_GUILESS_MAIN(TestUploadMachine)
#include "tst_uploadmachine.moc"
