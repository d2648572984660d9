// SPDX-License-Identifier: Apache-2.0
// The app's MFA prompt, offscreen: the dialog (profile, role and device shown, six digits or nothing), the
// prompter answering on the requester's thread (a worker thread here, as for the transfer engine's providers)
// while the GUI thread keeps running, one prompt at a time, Cancel and a closed window as "MFA code not
// entered", a requester that went away, and an assumed role against FakeStsServer: the code typed in the dialog
// travels as TokenCode with the device as SerialNumber, and the cached session does not ask again.
#include <atomic>
#include <memory>
#include <optional>

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "connection/connectionprofile.h"
#include "connection/guimfaprompter.h"
#include "dialogs/mfapromptdialog.h"
#include "fakes3server.h"
#include "fakestsserver.h"
#include "widgets/connectionlist.h"
#include "s3core/auth/assumeroleprovider.h"
#include "s3core/auth/credentialsprovider.h"

using namespace s3ui;
using namespace Qt::Literals::StringLiterals;

namespace {

s3::MfaRequest testRequest(const QString &profile = u"admin"_s)
{
    return s3::MfaRequest{profile, u"arn:aws:iam::123456789012:role/admin"_s, u"arn:aws:iam::123456789012:mfa/me"_s};
}

/** What a requester got: the answer, how often, and on which thread. */
struct Received
{
    std::optional<s3::Result<QString>> result;
    int count = 0;
    QThread *thread = nullptr;
};

s3::MfaPrompter::Callback recordInto(const std::shared_ptr<Received> &received)
{
    return [received](const s3::Result<QString> &result) {
        received->result = result;
        received->thread = QThread::currentThread();
        ++received->count;
    };
}

QPushButton *okButton(MfaPromptDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

} // namespace

class TestMfaPrompt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialogShowsTheRequestAndTakesSixDigits();
    void answersOnTheRequestersThread();
    void cancelIsNotEntered();
    void onePromptAtATime();
    void requesterGoneDropsTheAnswer();
    void closedWindowAnswersNotEntered();
    void assumedRoleAsksOnceThenUsesTheCache();
    void assumedRoleCancelled();
    void connectionListTestAsks();
};

void TestMfaPrompt::dialogShowsTheRequestAndTakesSixDigits()
{
    MfaPromptDialog dialog(s3::MfaRequest{u"ad\x1bmin"_s, u"arn:aws:iam::1:role/r"_s, u"GAHT12345678"_s});
    QCOMPARE(dialog.findChild<QLabel *>(u"roleLabel"_s)->text(), u"arn:aws:iam::1:role/r"_s);
    QCOMPARE(dialog.findChild<QLabel *>(u"deviceLabel"_s)->text(), u"GAHT12345678"_s);
    // A control character from the config file is shown escaped, never raw.
    QVERIFY(!dialog.findChild<QLabel *>(u"introLabel"_s)->text().contains(QChar(0x1b)));
    QVERIFY(!dialog.windowTitle().contains(QChar(0x1b)));

    auto *edit = dialog.findChild<QLineEdit *>(u"codeEdit"_s);
    QVERIFY(!okButton(&dialog)->isEnabled());
    QTest::keyClicks(edit, u"12a3 45"_s); // letters and spaces are not taken
    QCOMPARE(edit->text(), u"12345"_s);
    QVERIFY(!okButton(&dialog)->isEnabled());
    QCOMPARE(dialog.code(), QString());
    QTest::keyClicks(edit, u"67"_s); // the seventh digit is not taken
    QCOMPARE(edit->text(), u"123456"_s);
    QVERIFY(okButton(&dialog)->isEnabled());
    QCOMPARE(dialog.code(), u"123456"_s);
}

void TestMfaPrompt::answersOnTheRequestersThread()
{
    QWidget window;
    auto prompter = std::make_shared<GuiMfaPrompter>(&window);
    QThread worker;
    worker.start();
    auto *context = new QObject;
    context->moveToThread(&worker);
    auto received = std::make_shared<Received>();
    std::atomic<bool> returned = false;
    // requestCode() on the worker thread, as the transfer engine's providers call it.
    QMetaObject::invokeMethod(context, [&, prompter, received] {
        prompter->requestCode(testRequest(), context, recordInto(received));
        returned = true;
    });
    QTRY_VERIFY(prompter->currentDialog() != nullptr);
    QVERIFY(returned); // the worker was not held while the dialog is up
    MfaPromptDialog *dialog = prompter->currentDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(dialog->request().serialNumber, testRequest().serialNumber);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"codeEdit"_s), u"654321"_s);
    okButton(dialog)->click();
    QTRY_COMPARE(received->count, 1);
    QCOMPARE(received->thread, &worker);
    QVERIFY(received->result->ok());
    QCOMPARE(received->result->value(), u"654321"_s);
    QCOMPARE(prompter->currentDialog(), nullptr);
    QCOMPARE(prompter->promptsShown(), 1);
    QMetaObject::invokeMethod(context, &QObject::deleteLater);
    worker.quit();
    QVERIFY(worker.wait(10000));
    QCOMPARE(received->count, 1);
}

void TestMfaPrompt::cancelIsNotEntered()
{
    QWidget window;
    GuiMfaPrompter prompter(&window);
    QObject context;
    auto received = std::make_shared<Received>();
    prompter.requestCode(testRequest(), &context, recordInto(received));
    QCOMPARE(received->count, 0); // answered later, never from inside requestCode()
    QTRY_VERIFY(prompter.currentDialog() != nullptr);
    prompter.currentDialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QTRY_COMPARE(received->count, 1);
    QVERIFY(!received->result->ok());
    QCOMPARE(received->result->error().kind(), s3::S3Error::Kind::Cancelled);
    QCOMPARE(received->result->error().message(),
             u"MFA code not entered (the prompt for device arn:aws:iam::123456789012:mfa/me was cancelled); "
             "connect again to be asked once more"_s);
}

void TestMfaPrompt::onePromptAtATime()
{
    QWidget window;
    GuiMfaPrompter prompter(&window);
    QObject context;
    auto first = std::make_shared<Received>();
    auto second = std::make_shared<Received>();
    prompter.requestCode(testRequest(u"first"_s), &context, recordInto(first));
    prompter.requestCode(testRequest(u"second"_s), &context, recordInto(second));
    QTRY_VERIFY(prompter.currentDialog() != nullptr);
    QCOMPARE(prompter.currentDialog()->request().profile, u"first"_s);
    QCOMPARE(window.findChildren<MfaPromptDialog *>().size(), 1);
    QTest::keyClicks(prompter.currentDialog()->findChild<QLineEdit *>(u"codeEdit"_s), u"111111"_s);
    okButton(prompter.currentDialog())->click();
    QTRY_COMPARE(first->count, 1);
    QCOMPARE(first->result->value(), u"111111"_s);
    QTRY_VERIFY(prompter.currentDialog() != nullptr);
    QCOMPARE(prompter.currentDialog()->request().profile, u"second"_s);
    QTest::keyClicks(prompter.currentDialog()->findChild<QLineEdit *>(u"codeEdit"_s), u"222222"_s);
    okButton(prompter.currentDialog())->click();
    QTRY_COMPARE(second->count, 1);
    QCOMPARE(second->result->value(), u"222222"_s);
    QCOMPARE(first->count, 1);
    QCOMPARE(prompter.promptsShown(), 2);
}

void TestMfaPrompt::requesterGoneDropsTheAnswer()
{
    QWidget window;
    GuiMfaPrompter prompter(&window);
    auto context = std::make_unique<QObject>();
    auto received = std::make_shared<Received>();
    prompter.requestCode(testRequest(), context.get(), recordInto(received));
    QTRY_VERIFY(prompter.currentDialog() != nullptr);
    context.reset();
    QTest::keyClicks(prompter.currentDialog()->findChild<QLineEdit *>(u"codeEdit"_s), u"123456"_s);
    okButton(prompter.currentDialog())->click();
    QTRY_COMPARE(prompter.currentDialog(), nullptr);
    QTest::qWait(50); // anything posted would have run by now
    QCOMPARE(received->count, 0);
}

void TestMfaPrompt::closedWindowAnswersNotEntered()
{
    auto window = std::make_unique<QWidget>();
    auto prompter = std::make_shared<GuiMfaPrompter>(window.get());
    QObject context;
    auto shown = std::make_shared<Received>();
    auto queued = std::make_shared<Received>();
    prompter->requestCode(testRequest(u"shown"_s), &context, recordInto(shown));
    prompter->requestCode(testRequest(u"queued"_s), &context, recordInto(queued));
    QTRY_VERIFY(prompter->currentDialog() != nullptr);
    window.reset();
    QTRY_COMPARE(shown->count, 1);
    QTRY_COMPARE(queued->count, 1);
    QCOMPARE(shown->result->error().kind(), s3::S3Error::Kind::Cancelled);
    QVERIFY(queued->result->error().message().startsWith(u"MFA code not entered"_s));
    // Asked again once the window is gone: answered at once, still on this thread's event loop.
    auto late = std::make_shared<Received>();
    prompter->requestCode(testRequest(u"late"_s), &context, recordInto(late));
    QTRY_COMPARE(late->count, 1);
    QVERIFY(late->result->error().message().startsWith(u"MFA code not entered"_s));
    QCOMPARE(prompter->currentDialog(), nullptr);
}

void TestMfaPrompt::assumedRoleAsksOnceThenUsesTheCache()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QNetworkAccessManager network;
    s3::AssumeRoleSettings settings;
    settings.profile = u"admin"_s;
    settings.roleArn = testRequest().roleArn;
    settings.mfaSerial = testRequest().serialNumber;
    settings.durationSeconds = 3600;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    settings.cacheDirectory = home.filePath(u"cli/cache"_s);
    s3::Credentials base;
    base.accessKeyId = u"AKIABASE"_s;
    base.secretAccessKey = u"base-secret"_s;
    QWidget window;
    auto prompter = std::make_shared<GuiMfaPrompter>(&window);

    std::optional<s3::Result<s3::Credentials>> first;
    {
        s3::AssumeRoleProvider provider(settings, std::make_shared<s3::StaticCredentialsProvider>(base), &network, prompter);
        provider.resolve(this, [&first](const s3::Result<s3::Credentials> &result) { first = result; });
        QTRY_VERIFY(prompter->currentDialog() != nullptr);
        MfaPromptDialog *dialog = prompter->currentDialog();
        QCOMPARE(dialog->request().profile, u"admin"_s);
        QCOMPARE(dialog->request().roleArn, settings.roleArn);
        QCOMPARE(dialog->request().serialNumber, settings.mfaSerial);
        QCOMPARE(sts.requests().size(), 0); // nothing is sent before the code is there
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"codeEdit"_s), u"246810"_s);
        okButton(dialog)->click();
        QTRY_VERIFY(first.has_value());
        QVERIFY2(first->ok(), first->ok() ? "" : qPrintable(first->error().message()));
    }
    QCOMPARE(sts.requests().size(), 1);
    const FakeStsServer::Request request = sts.requests().constFirst();
    QCOMPARE(request.form.queryItemValue(u"SerialNumber"_s, QUrl::FullyDecoded), settings.mfaSerial);
    QCOMPARE(request.form.queryItemValue(u"TokenCode"_s), u"246810"_s);

    // A new connection (another provider, as after a restart) takes the cached session: no second prompt.
    s3::AssumeRoleProvider again(settings, std::make_shared<s3::StaticCredentialsProvider>(base), &network, prompter);
    std::optional<s3::Result<s3::Credentials>> second;
    again.resolve(this, [&second](const s3::Result<s3::Credentials> &result) { second = result; });
    QTRY_VERIFY(second.has_value());
    QVERIFY(second->ok());
    QCOMPARE(second->value().accessKeyId, first->value().accessKeyId);
    QCOMPARE(prompter->promptsShown(), 1);
    QCOMPARE(prompter->currentDialog(), nullptr);
    QCOMPARE(sts.requests().size(), 1);
}

void TestMfaPrompt::assumedRoleCancelled()
{
    FakeStsServer sts;
    QVERIFY(sts.listen());
    QNetworkAccessManager network;
    s3::AssumeRoleSettings settings;
    settings.profile = u"admin"_s;
    settings.roleArn = testRequest().roleArn;
    settings.mfaSerial = testRequest().serialNumber;
    settings.stsEndpoint = sts.endpoint();
    settings.region = u"us-east-1"_s;
    s3::Credentials base;
    base.accessKeyId = u"AKIABASE"_s;
    base.secretAccessKey = u"base-secret"_s;
    QWidget window;
    auto prompter = std::make_shared<GuiMfaPrompter>(&window);
    s3::AssumeRoleProvider provider(settings, std::make_shared<s3::StaticCredentialsProvider>(base), &network, prompter);
    std::optional<s3::Result<s3::Credentials>> answer;
    provider.resolve(this, [&answer](const s3::Result<s3::Credentials> &result) { answer = result; });
    QTRY_VERIFY(prompter->currentDialog() != nullptr);
    prompter->currentDialog()->reject();
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!answer->ok());
    QCOMPARE(answer->error().kind(), s3::S3Error::Kind::Cancelled);
    QCOMPARE(answer->error().message(),
             u"assume role arn:aws:iam::123456789012:role/admin (profile 'admin'): MFA code not entered (the prompt for "
             "device arn:aws:iam::123456789012:mfa/me was cancelled); connect again to be asked once more"_s);
    QCOMPARE(sts.requests().size(), 0);
}

void TestMfaPrompt::connectionListTestAsks()
{
    // "Test connection" on a role profile with mfa_serial asks for the code as connecting does, then lists the
    // buckets with the session STS gave for it.
    FakeStsServer sts;
    QVERIFY(sts.listen());
    FakeS3Server s3;
    QVERIFY(s3.start());
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QFile config(home.filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(u"[profile base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n"
                 "[profile admin]\nrole_arn = %1\nsource_profile = base\nmfa_serial = %2\nendpoint_url = %3\n"_s
                     .arg(testRequest().roleArn, testRequest().serialNumber, s3.endpointUrl())
                     .toUtf8());
    config.close();
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
    environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, home.filePath(u"none"_s));
    environment.insert(u"AWS_ENDPOINT_URL_STS"_s, sts.endpoint());
    ConnectionStore store(home.filePath(u"store.ini"_s), environment);
    ConnectionList list(&store, nullptr, nullptr);
    auto prompter = std::make_shared<GuiMfaPrompter>(&list);
    list.setMfaPrompter(prompter);
    list.show();
    QVERIFY(list.setCurrentProfile(ConnectionProfile::awsProfileId(u"admin"_s)));
    QSignalSpy tested(&list, &ConnectionList::testFinished);
    list.testAction()->trigger();
    QTRY_VERIFY(prompter->currentDialog() != nullptr);
    QCOMPARE(prompter->currentDialog()->request().profile, u"admin"_s);
    QCOMPARE(prompter->currentDialog()->request().serialNumber, testRequest().serialNumber);
    QCOMPARE(sts.requests().size(), 0);
    QTest::keyClicks(prompter->currentDialog()->findChild<QLineEdit *>(u"codeEdit"_s), u"135790"_s);
    okButton(prompter->currentDialog())->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 20000);
    QVERIFY2(tested.constFirst().at(0).toBool(), qPrintable(tested.constFirst().at(1).toString()));
    QVERIFY2(list.statusText().contains(u"Connected"_s), qPrintable(list.statusText()));
    QCOMPARE(sts.requests().size(), 1);
    QCOMPARE(sts.requests().constFirst().form.queryItemValue(u"TokenCode"_s), u"135790"_s);
    QCOMPARE(prompter->promptsShown(), 1);

    // Cancelled: the test says the code was not entered, and nothing reaches STS.
    QDir(home.filePath(u".aws/cli/cache"_s)).removeRecursively();
    list.testAction()->trigger();
    QTRY_VERIFY(prompter->currentDialog() != nullptr);
    prompter->currentDialog()->reject();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 20000);
    QVERIFY(!tested.at(1).at(0).toBool());
    QVERIFY2(tested.at(1).at(1).toString().contains(u"MFA code not entered"_s), qPrintable(tested.at(1).at(1).toString()));
    QCOMPARE(sts.requests().size(), 1);
}

QTEST_MAIN(TestMfaPrompt)
#include "tst_mfaprompt.moc"
