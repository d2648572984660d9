// SPDX-License-Identifier: Apache-2.0
// The connection dialog, the secret prompt, the connection list (model + widget) and the connection tester,
// driven offscreen through their real widgets, against the in-process fake S3 server.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTimer>
#include <QTreeView>

#include "connection/connectionprofile.h"
#include "connection/connectiontester.h"
#include "connection/secretstore.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/secretpromptdialog.h"
#include "models/connectionlistmodel.h"
#include "uitestsupport.h"
#include "util/translations.h"
#include "widgets/connectionlist.h"

using namespace s3ui;

namespace {

const QString Secret = QStringLiteral("fake-secret-0123456789");

/** A keychain that does not work: availability known false (or unknown), every call fails. */
class BrokenSecretStore final : public SecretStore
{
public:
    explicit BrokenSecretStore(bool knownUnavailable) : m_known(knownUnavailable) {}

    void readSecret(const QString &, QObject *context, ReadCallback callback) override
    {
        QTimer::singleShot(0, context, [callback] { callback(failure()); });
    }
    void writeSecret(const QString &, const QString &, QObject *context, DoneCallback callback) override
    {
        ++writes;
        QTimer::singleShot(0, context, [callback] { callback(failure()); });
    }
    void deleteSecret(const QString &, QObject *context, DoneCallback callback) override
    {
        QTimer::singleShot(0, context, [callback] { callback(failure()); });
    }
    bool isAvailable() const override { return false; }
    bool isAvailabilityKnown() const override { return m_known; }
    void probeAvailability(QObject *context, AvailabilityCallback callback) override
    {
        QTimer::singleShot(0, context, [callback] { callback(false, QStringLiteral("no backend")); });
    }
    QString unavailableReason() const override { return QStringLiteral("no backend"); }

    int writes = 0;

private:
    static s3::S3Error failure()
    {
        return s3::S3Error(s3::S3Error::Kind::Auth,
                           QStringLiteral("System keychain: cannot store the secret (NoBackendAvailable: none)"));
    }
    bool m_known;
};

template<typename T>
T *child(QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

void setText(QWidget *dialog, const char *name, const QString &text)
{
    auto *edit = child<QLineEdit>(dialog, name);
    edit->clear();
    if (!text.isEmpty()) {
        edit->setFocus();
        QTest::keyClicks(edit, text);
    }
}

QPushButton *okButton(QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

/** A saved-connection profile with these fields; the others stay empty, as in a new one. */
ConnectionProfile savedProfile(const QString &name, const QString &endpointUrl, const QString &accessKeyId = {})
{
    ConnectionProfile p;
    p.name = name;
    p.endpointUrl = endpointUrl;
    p.accessKeyId = accessKeyId;
    return p;
}

/** Adds the profile to the store and its secret to the keychain; returns the new id. */
QString addWithSecret(ConnectionStore &store, MemorySecretStore &keychain, const ConnectionProfile &profile,
                      const QString &secret)
{
    const QString id = *store.add(profile);
    keychain.setSecret(id, secret);
    return id;
}

/** Saves a connection to the fake server (path style: it has no virtual hosts) with its secret; returns its id. */
QString addFakeServerConnection(ConnectionStore &store, MemorySecretStore &keychain, const FakeS3Server &server,
                                const QString &name, const QString &accessKeyId, const QString &secret)
{
    ConnectionProfile p = savedProfile(name, server.endpointUrl(), accessKeyId);
    p.addressing = s3::AddressingStyle::Path;
    return addWithSecret(store, keychain, p, secret);
}

/** What obtainConnectionSecret() answered: nothing yet, cancelled (an empty optional inside) or the secret. */
using SecretAnswer = std::optional<std::optional<QString>>;

/** Starts obtainConnectionSecret(); `answer` is reset now and set when it answers. */
void requestSecret(const ConnectionProfile &profile, SecretStore *keychain, MemorySecretStore *session, QWidget *parent,
                   SecretAnswer &answer)
{
    answer.reset();
    obtainConnectionSecret(profile, keychain, session, parent, [&answer](std::optional<QString> s) { answer = s; });
}

/** The secret prompt that obtainConnectionSecret() opened on `parent`, or null when none came. */
SecretPromptDialog *waitForPrompt(QWidget &parent)
{
    SecretPromptDialog *prompt = nullptr;
    waitUntil([&] { return (prompt = parent.findChild<SecretPromptDialog *>()) != nullptr; }, 5000);
    return prompt;
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT
    QTranslator m_plurals;

private:
    QTemporaryDir m_dir;
    int m_stores = 0;

    QProcessEnvironment awsEnvironment()
    {
        const QString credentials = m_dir.filePath(QStringLiteral("aws-credentials"));
        const QByteArray profiles = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
                                    "[lab]\naws_access_key_id = AKIDLAB\naws_secret_access_key = s\n";
        if (writeTestFile(credentials, profiles).isEmpty())
            qFatal("cannot write");
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.path());
        environment.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials);
        environment.insert(QStringLiteral("AWS_CONFIG_FILE"), m_dir.filePath(QStringLiteral("no-config")));
        return environment;
    }

    std::unique_ptr<ConnectionStore> newStore(bool withAws = false)
    {
        const QString path = m_dir.filePath(QStringLiteral("store-%1.ini").arg(++m_stores));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("nohome")));
        return std::make_unique<ConnectionStore>(path, withAws ? awsEnvironment() : environment);
    }

    void fillValid(ConnectionDialog *dialog, const QString &endpoint = QStringLiteral("http://127.0.0.1:9000"))
    {
        setText(dialog, "nameEdit", QStringLiteral("Lab"));
        setText(dialog, "endpointEdit", endpoint);
        setText(dialog, "regionEdit", QStringLiteral("eu-west-1"));
        child<QComboBox>(dialog, "addressingCombo")->setCurrentIndex(1); // path style
        setText(dialog, "accessKeyEdit", QStringLiteral("AKIDLAB"));
        setText(dialog, "secretEdit", Secret);
    }

    static void showList(ConnectionList &list)
    {
        list.resize(300, 400);
        list.show();
        list.activateWindow();
        // Shortcuts need the active window.
        if (!QTest::qWaitForWindowActive(&list))
            qWarning("the list window did not become active");
    }

    QByteArray fileBytes(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // "Connected: 2 buckets.": the English plural forms, as the app installs them.
        QVERIFY(loadEnglishPlurals(&m_plurals));
        QCoreApplication::installTranslator(&m_plurals);
    }

    // --- ConnectionDialog ---------------------------------------------------------------------------------

    void validationErrorsKeepTheDialogOpen()
    {
        auto store = newStore();
        MemorySecretStore keychain;
        ConnectionDialog dialog(store.get(), &keychain, nullptr);
        dialog.open();
        auto *error = child<QLabel>(&dialog, "errorLabel");

        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("name")), qPrintable(error->text()));
        QCOMPARE(dialog.focusWidget(), child<QLineEdit>(&dialog, "nameEdit"));

        setText(&dialog, "nameEdit", QStringLiteral("Lab"));
        QVERIFY(!error->isVisible()); // editing hides the stale message
        setText(&dialog, "endpointEdit", QStringLiteral("ftp://127.0.0.1"));
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY2(error->text().contains(QLatin1String("http or https")), qPrintable(error->text()));
        QCOMPARE(dialog.focusWidget(), child<QLineEdit>(&dialog, "endpointEdit"));

        setText(&dialog, "endpointEdit", QStringLiteral("http://127.0.0.1:9000"));
        setText(&dialog, "prefixEdit", QStringLiteral("docs/"));
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY2(error->text().contains(QLatin1String("prefix needs a bucket")), qPrintable(error->text()));

        setText(&dialog, "prefixEdit", QString());
        setText(&dialog, "secretEdit", Secret);
        QVERIFY(dialog.validationError().contains(QLatin1String("access key")));
        QVERIFY(store->savedProfiles().isEmpty());
        QCOMPARE(keychain.contains(dialog.profile().id), false);
    }

    void tabOrderFollowsTheForm()
    {
        auto store = newStore();
        ConnectionDialog dialog(store.get(), nullptr, nullptr);
        dialog.open();
        QStringList order;
        QWidget *w = child<QLineEdit>(&dialog, "nameEdit");
        for (int i = 0; i < 40 && order.size() < 11; ++i, w = w->nextInFocusChain()) {
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(&dialog) && !w->objectName().isEmpty()
                && !order.contains(w->objectName()))
                order << w->objectName();
        }
        const QStringList expected = {QStringLiteral("nameEdit"),     QStringLiteral("endpointEdit"),
                                      QStringLiteral("regionEdit"),   QStringLiteral("addressingCombo"),
                                      QStringLiteral("accessKeyEdit"), QStringLiteral("secretEdit"),
                                      QStringLiteral("caFileEdit"),   QStringLiteral("caBrowseButton"),
                                      QStringLiteral("bucketEdit"),   QStringLiteral("prefixEdit"),
                                      QStringLiteral("testButton")};
        QCOMPARE(order, expected);
    }

    void okSavesProfileAndSecret()
    {
        auto store = newStore();
        MemorySecretStore keychain;
        MemorySecretStore session;
        ConnectionDialog dialog(store.get(), &keychain, &session);
        QSignalSpy saved(&dialog, &ConnectionDialog::profileSaved);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.open();
        QVERIFY(!child<QLabel>(&dialog, "keychainNote")->isVisible());
        QCOMPARE(child<QLineEdit>(&dialog, "secretEdit")->echoMode(), QLineEdit::Password);
        fillValid(&dialog);
        setText(&dialog, "bucketEdit", QStringLiteral("team-bucket"));
        setText(&dialog, "prefixEdit", QStringLiteral("reports/"));
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return accepted.count() == 1; }, 5000));
        QCOMPARE(saved.count(), 1);

        QCOMPARE(store->savedProfiles().size(), 1);
        const ConnectionProfile p = store->savedProfiles().at(0);
        QCOMPARE(p.name, QStringLiteral("Lab"));
        QCOMPARE(p.endpointUrl, QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(p.region, QStringLiteral("eu-west-1"));
        QCOMPARE(p.addressing, s3::AddressingStyle::Path);
        QCOMPARE(p.accessKeyId, QStringLiteral("AKIDLAB"));
        QCOMPARE(p.bucket, QStringLiteral("team-bucket"));
        QCOMPARE(p.prefix, QStringLiteral("reports/"));
        QCOMPARE(saved.at(0).at(0).value<ConnectionProfile>().id, p.id);
        QCOMPARE(keychain.secret(p.id), Secret);
        QVERIFY(!fileBytes(store->settingsPath()).contains(Secret.toUtf8()));
        QVERIFY(fileBytes(store->settingsPath()).contains("AKIDLAB"));
    }

    void editKeepsOrReplacesTheSecret()
    {
        auto store = newStore();
        MemorySecretStore keychain;
        const ConnectionProfile old
            = savedProfile(QStringLiteral("Old"), QStringLiteral("https://s3.example.test"), QStringLiteral("AKIDOLD"));
        const QString id = addWithSecret(*store, keychain, old, QStringLiteral("old-secret"));

        {
            ConnectionDialog dialog(store.get(), &keychain, nullptr);
            dialog.setProfile(*store->profile(id));
            QVERIFY(!dialog.isNewConnection());
            QCOMPARE(child<QLineEdit>(&dialog, "nameEdit")->text(), QStringLiteral("Old"));
            QVERIFY(child<QLineEdit>(&dialog, "secretEdit")->text().isEmpty());
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.open();
            setText(&dialog, "nameEdit", QStringLiteral("Renamed"));
            QTest::keyClick(child<QLineEdit>(&dialog, "nameEdit"), Qt::Key_Return); // Enter = Save
            QVERIFY(waitUntil([&] { return accepted.count() == 1; }, 5000));
        }
        QCOMPARE(store->savedProfiles().size(), 1);
        QCOMPARE(store->profile(id)->name, QStringLiteral("Renamed"));
        QCOMPARE(keychain.secret(id), QStringLiteral("old-secret"));

        ConnectionDialog dialog(store.get(), &keychain, nullptr);
        dialog.setProfile(*store->profile(id));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.open();
        setText(&dialog, "secretEdit", QStringLiteral("new-secret"));
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return accepted.count() == 1; }, 5000));
        QCOMPARE(keychain.secret(id), QStringLiteral("new-secret"));
        QCOMPARE(store->savedProfiles().size(), 1);
    }

    void noKeychainKeepsTheSecretForThisRunOnly()
    {
        auto store = newStore();
        BrokenSecretStore keychain(true);
        MemorySecretStore session;
        ConnectionDialog dialog(store.get(), &keychain, &session);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.open();
        auto *note = child<QLabel>(&dialog, "keychainNote");
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QLatin1String("No system keychain: the secret will be asked for each time")));
        fillValid(&dialog);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return accepted.count() == 1; }, 5000));
        QCOMPARE(keychain.writes, 0);
        const QString id = store->savedProfiles().at(0).id;
        QCOMPARE(session.secret(id), Secret);
        QVERIFY(!fileBytes(store->settingsPath()).contains(Secret.toUtf8()));
    }

    void failingKeychainSaysSoBeforeFallingBack()
    {
        auto store = newStore();
        BrokenSecretStore keychain(false); // not probed yet: the dialog tries it
        MemorySecretStore session;
        ConnectionDialog dialog(store.get(), &keychain, &session);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.open();
        QVERIFY(!child<QLabel>(&dialog, "keychainNote")->isVisible());
        fillValid(&dialog);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        auto *error = child<QLabel>(&dialog, "errorLabel");
        QVERIFY(waitUntil([&] { return error->isVisible(); }, 5000));
        QVERIFY2(error->text().contains(QLatin1String("NoBackendAvailable")), qPrintable(error->text()));
        QVERIFY(error->text().contains(QLatin1String("Save again")));
        QVERIFY(!error->text().contains(Secret));
        QVERIFY(child<QLabel>(&dialog, "keychainNote")->isVisible());
        QVERIFY(store->savedProfiles().isEmpty());
        QCOMPARE(accepted.count(), 0);

        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return accepted.count() == 1; }, 5000));
        QCOMPARE(keychain.writes, 1);
        QCOMPARE(session.secret(store->savedProfiles().at(0).id), Secret);
    }

    void browseOpensANonModalFileDialog()
    {
        auto store = newStore();
        const QString ca = m_dir.filePath(QStringLiteral("ca.pem"));
        QVERIFY(!writeTestFile(ca, "-----BEGIN CERTIFICATE-----\n").isEmpty());
        ConnectionDialog dialog(store.get(), nullptr, nullptr);
        dialog.open();
        QTest::mouseClick(child<QPushButton>(&dialog, "caBrowseButton"), Qt::LeftButton);
        QFileDialog *files = dialog.findChild<QFileDialog *>();
        QVERIFY(files);
        QVERIFY(files->isVisible());
        QCOMPARE(files->fileMode(), QFileDialog::ExistingFile);
        Q_EMIT files->fileSelected(ca); // what the file dialog emits when the user picks the file
        files->reject();
        QCOMPARE(child<QLineEdit>(&dialog, "caFileEdit")->text(), ca);
        QVERIFY(child<QLabel>(&dialog, "keychainNote")->isVisible()); // no keychain at all
    }

    void testButtonShowsTheResultInline()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("alpha"));
        server.createBucket(QStringLiteral("beta"));
        auto store = newStore();
        ConnectionDialog dialog(store.get(), nullptr, nullptr);
        dialog.open();
        fillValid(&dialog, server.endpointUrl());
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return tested.count() == 1; }, 10000));
        QCOMPARE(tested.at(0).at(0).toBool(), true);
        auto *result = child<QLabel>(&dialog, "testResultLabel");
        QCOMPARE(result->text(), QStringLiteral("Connected: 2 buckets."));
        QCOMPARE(server.count(QStringLiteral("ListBuckets")), 1);

        // A bucket-scoped connection tests the bucket, not ListBuckets.
        setText(&dialog, "bucketEdit", QStringLiteral("gamma"));
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return tested.count() == 2; }, 10000));
        QCOMPARE(tested.at(1).at(0).toBool(), false);
        QVERIFY2(result->text().contains(QLatin1String("NoSuchBucket")), qPrintable(result->text()));
        QCOMPARE(server.count(QStringLiteral("ListBuckets")), 1);
        QVERIFY(dialog.isVisible()); // testing never closes the dialog
        QVERIFY(store->savedProfiles().isEmpty());
    }

    void testingAnEditedConnectionUsesTheStoredSecret()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("alpha"));
        auto store = newStore();
        MemorySecretStore keychain;
        const QString id = addFakeServerConnection(*store, keychain, server, QStringLiteral("Stored"),
                                                   QStringLiteral("AKIDSTORED"), QStringLiteral("stored-secret"));
        ConnectionDialog dialog(store.get(), &keychain, nullptr);
        dialog.setProfile(*store->profile(id));
        dialog.open();
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.testConnection();
        QVERIFY(waitUntil([&] { return tested.count() == 1; }, 10000));
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
        const QList<FakeS3Request> requests = server.requests();
        QVERIFY(!requests.isEmpty());
        QVERIFY(requests.last().header("authorization").contains("AKIDSTORED"));
    }

    // --- ConnectionTester ---------------------------------------------------------------------------------

    void testerReportsARefusedConnection()
    {
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(closedLocalPort());
        const ConnectionProfile p = savedProfile(QStringLiteral("Closed"), endpoint, QStringLiteral("AKID"));
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(sessionConfigFor(p, Secret, QString()));
        QVERIFY(finished.isEmpty()); // never inside start()
        QVERIFY(tester.isRunning());
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 10000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        const QString message = finished.at(0).at(1).toString();
        QVERIFY2(message.contains(QLatin1String("Cannot reach the server")), qPrintable(message));
        QCOMPARE(finished.at(0).at(2).value<s3::S3Error>().kind(), s3::S3Error::Kind::Network);
        QVERIFY(!tester.isRunning());
    }

    void testerReportsResolutionErrorsAsynchronously()
    {
        const ConnectionProfile p
            = savedProfile(QStringLiteral("No secret"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("AKID"));
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(sessionConfigFor(p, QString(), QString()));
        QVERIFY(finished.isEmpty());
        QVERIFY(finished.wait(5000));
        QVERIFY(finished.at(0).at(1).toString().contains(QLatin1String("No secret key")));
    }

    void testerMeasuresClockSkew()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        FakeS3Fault skew = errorFault(QStringLiteral("ListBuckets"), 403, QStringLiteral("RequestTimeTooSkewed"));
        skew.times = -1;
        server.addFault(skew);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        client->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(3600); });
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(client.get());
        QVERIFY(waitUntil([&] { return !finished.isEmpty(); }, 10000));
        const QString message = finished.at(0).at(1).toString();
        QVERIFY2(message.contains(QLatin1String("RequestTimeTooSkewed")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("your clock is 60 minutes off (ahead of the server)")),
                 qPrintable(message));
    }

    void testerCancelIsQuiet()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        FakeS3Fault hang;
        hang.hang = true;
        server.addFault(hang);
        QNetworkAccessManager network;
        auto client = fakeServerClient(&network, server.endpointUrl());
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(client.get(), QStringLiteral("bucket"));
        QVERIFY(waitUntil([&] { return server.count(QStringLiteral("ListObjectsV2")) == 1; }, 5000));
        QCOMPARE(server.requests().last().queryItem(QStringLiteral("max-keys")), QStringLiteral("1"));
        tester.cancel();
        tester.cancel();
        QVERIFY(!tester.isRunning());
        QTest::qWait(50);
        QVERIFY(finished.isEmpty());
    }

    // --- SecretPromptDialog / obtainConnectionSecret ------------------------------------------------------

    void secretFromTheKeychainNeedsNoPrompt()
    {
        QWidget parent;
        MemorySecretStore keychain;
        MemorySecretStore session;
        ConnectionProfile p = savedProfile(QStringLiteral("K"), {}, QStringLiteral("AKID"));
        p.id = QStringLiteral("id-1");
        keychain.setSecret(p.id, QStringLiteral("from-keychain"));
        SecretAnswer answer;
        requestSecret(p, &keychain, &session, &parent, answer);
        QVERIFY(!answer);
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 5000));
        QCOMPARE(answer->value(), QStringLiteral("from-keychain"));
        QVERIFY(!parent.findChild<SecretPromptDialog *>());

        // AWS profiles need no secret.
        ConnectionProfile aws;
        aws.kind = ConnectionProfile::Kind::AwsProfile;
        aws.name = QStringLiteral("default");
        requestSecret(aws, &keychain, &session, &parent, answer);
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 5000));
        QVERIFY(answer->has_value() && answer->value().isEmpty());
    }

    void missingSecretIsAskedForAndRemembered()
    {
        QWidget parent;
        MemorySecretStore keychain;
        MemorySecretStore session;
        ConnectionProfile p = savedProfile(QStringLiteral("Ask"), {}, QStringLiteral("AKIDASK"));
        p.id = QStringLiteral("id-2");
        SecretAnswer answer;
        requestSecret(p, &keychain, &session, &parent, answer);
        SecretPromptDialog *prompt = waitForPrompt(parent);
        QVERIFY(prompt);
        QVERIFY(prompt->isVisible());
        QVERIFY(!prompt->isModal() || prompt->windowModality() == Qt::WindowModal); // open(), not exec()
        QVERIFY(prompt->message().contains(QLatin1String("No secret key is stored")));
        auto *ok = okButton(prompt);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(child<QLineEdit>(prompt, "secretEdit"), QStringLiteral("typed"));
        QVERIFY(ok->isEnabled());
        QVERIFY(child<QCheckBox>(prompt, "rememberBox")->isChecked());
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 5000));
        QCOMPARE(answer->value(), QStringLiteral("typed"));
        QCOMPARE(session.secret(p.id), QStringLiteral("typed"));
        QVERIFY(waitUntil([&] { return keychain.secret(p.id) == QLatin1String("typed"); }, 5000));

        // Now the run's cache answers without asking.
        requestSecret(p, nullptr, &session, &parent, answer);
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 5000));
        QCOMPARE(answer->value(), QStringLiteral("typed"));
    }

    void promptWithoutKeychainAndCancel()
    {
        QWidget parent;
        BrokenSecretStore keychain(true);
        MemorySecretStore session;
        ConnectionProfile p = savedProfile(QStringLiteral("NoKeychain"), {}, QStringLiteral("AKID"));
        p.id = QStringLiteral("id-3");
        SecretAnswer answer;
        requestSecret(p, &keychain, &session, &parent, answer);
        SecretPromptDialog *prompt = waitForPrompt(parent);
        QVERIFY(prompt);
        QVERIFY(!prompt->findChild<QCheckBox *>(QStringLiteral("rememberBox"))->isVisible());
        QVERIFY(child<QLabel>(prompt, "keychainNote")->text().contains(QLatin1String("asked for each time")));
        // Said once, in the note: the message only asks.
        QCOMPARE(prompt->message(), QStringLiteral("Enter the secret key for NoKeychain."));
        prompt->reject();
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 5000));
        QVERIFY(!answer->has_value());
        QVERIFY(!session.contains(p.id));
        QCOMPARE(keychain.writes, 0);
    }

    // --- ConnectionListModel ------------------------------------------------------------------------------

    void listModelPassesTheModelTester()
    {
        auto store = newStore(true);
        ConnectionListModel model(store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(model.rowCount(), 2);
        const QModelIndex saved = model.groupIndex(ConnectionListModel::SavedGroup);
        const QModelIndex aws = model.groupIndex(ConnectionListModel::AwsGroup);
        QCOMPARE(saved.data().toString(), QStringLiteral("Saved connections"));
        QCOMPARE(aws.data().toString(), QStringLiteral("AWS profiles (read-only)"));
        QVERIFY(!(model.flags(saved) & Qt::ItemIsSelectable));
        QCOMPARE(model.rowCount(saved), 0);
        QCOMPARE(model.rowCount(aws), 2);

        const QModelIndex lab = model.index(1, 0, aws);
        QCOMPARE(lab.data().toString(), QStringLiteral("lab"));
        QVERIFY(lab.data(ConnectionListModel::IsReadOnlyRole).toBool());
        QVERIFY(lab.data(Qt::ToolTipRole).toString().contains(QLatin1String("~/.aws")));
        QVERIFY(lab.data(Qt::ToolTipRole).toString().contains(QLatin1String("read-only")));
        QVERIFY(!lab.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.profileAt(lab)->kind, ConnectionProfile::Kind::AwsProfile);
        QVERIFY(!model.profileAt(aws));
        QCOMPARE(model.parent(lab), aws);

        ConnectionProfile p = savedProfile(QStringLiteral("Mine"), QStringLiteral("http://127.0.0.1:8000"));
        p.bucket = QStringLiteral("b");
        const QString id = *store->add(p);
        QCOMPARE(model.rowCount(saved), 1);
        const QModelIndex mine = model.indexForId(id);
        QVERIFY(mine.isValid());
        QCOMPARE(mine.parent(), model.groupIndex(ConnectionListModel::SavedGroup));
        QVERIFY(!mine.data(ConnectionListModel::IsReadOnlyRole).toBool());
        QCOMPARE(mine.data(ConnectionListModel::ProfileIdRole).toString(), id);
        QVERIFY(mine.data(Qt::ToolTipRole).toString().contains(QLatin1String("Opens bucket b")));
        QVERIFY(model.flags(mine) & Qt::ItemIsSelectable);
        QVERIFY(store->add(p));
        QCOMPARE(model.rowCount(model.groupIndex(ConnectionListModel::SavedGroup)), 2);
        QVERIFY(store->remove(id));
        QCOMPARE(model.rowCount(model.groupIndex(ConnectionListModel::SavedGroup)), 1);
        QVERIFY(!model.indexForId(id).isValid());
    }

    // --- ConnectionList -----------------------------------------------------------------------------------

    void listActionsFollowTheSelection()
    {
        auto store = newStore(true);
        MemorySecretStore keychain;
        ConnectionList list(store.get(), &keychain, nullptr);
        showList(list);
        // No saved connection: the first AWS profile is current, and read-only.
        QVERIFY(list.currentProfile());
        QCOMPARE(list.currentProfile()->name, QStringLiteral("default"));
        QVERIFY(!list.editAction()->isEnabled());
        QVERIFY(!list.deleteAction()->isEnabled());
        QVERIFY(list.testAction()->isEnabled());
        QVERIFY(list.connectAction()->isEnabled());

        const QString id = *store->add(savedProfile(QStringLiteral("Mine"), QStringLiteral("http://127.0.0.1:8000")));
        QCOMPARE(list.currentProfile()->name, QStringLiteral("default")); // kept across the reset
        QVERIFY(list.setCurrentProfile(id));
        QVERIFY(list.editAction()->isEnabled());
        QVERIFY(list.deleteAction()->isEnabled());

        // Keyboard: Up from the saved connection lands on the group row; nothing to connect there.
        list.view()->setFocus();
        QTest::keyClick(list.view(), Qt::Key_Up);
        QVERIFY(!list.currentProfile());
        QVERIFY(!list.connectAction()->isEnabled());
        QTest::keyClick(list.view(), Qt::Key_Down);
        QCOMPARE(list.currentProfile()->id, id);
    }

    void enterAndDoubleClickConnect()
    {
        auto store = newStore(true);
        ConnectionList list(store.get(), nullptr, nullptr);
        showList(list);
        QSignalSpy connectRequested(&list, &ConnectionList::connectRequested);
        list.view()->setFocus();
        QTest::keyClick(list.view(), Qt::Key_Return);
        QCOMPARE(connectRequested.count(), 1);
        QCOMPARE(connectRequested.at(0).at(0).value<ConnectionProfile>().name, QStringLiteral("default"));

        const QModelIndex lab = list.model()->index(1, 0, list.model()->groupIndex(ConnectionListModel::AwsGroup));
        const QRect rect = list.view()->visualRect(lab);
        // QTest's double click alone leaves the view in its drag-select state; a real double click has a release.
        QTest::mouseClick(list.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(list.view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(connectRequested.count(), 2);
        QCOMPARE(connectRequested.at(1).at(0).value<ConnectionProfile>().name, QStringLiteral("lab"));

        list.connectAction()->trigger();
        QCOMPARE(connectRequested.count(), 3);
    }

    void newActionOpensTheDialogAndSelectsTheResult()
    {
        auto store = newStore();
        MemorySecretStore keychain;
        ConnectionList list(store.get(), &keychain, nullptr);
        showList(list);
        QVERIFY(!list.currentProfile());
        QSignalSpy connectRequested(&list, &ConnectionList::connectRequested);
        list.view()->setFocus();
        QTest::keyClick(list.view(), Qt::Key_N, Qt::ControlModifier);
        ConnectionDialog *dialog = list.openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        fillValid(dialog);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return store->savedProfiles().size() == 1; }, 5000));
        QVERIFY(waitUntil([&] { return list.openDialog() == nullptr; }, 5000));
        QCOMPARE(list.currentProfile()->name, QStringLiteral("Lab"));
        QCOMPARE(keychain.secret(list.currentProfile()->id), Secret);
        // Saving a new connection connects to it.
        QCOMPARE(connectRequested.count(), 1);
        QCOMPARE(connectRequested.at(0).at(0).value<ConnectionProfile>().id, list.currentProfile()->id);

        list.editAction()->trigger();
        QVERIFY(list.openDialog());
        QCOMPARE(child<QLineEdit>(list.openDialog(), "nameEdit")->text(), QStringLiteral("Lab"));
        QTest::mouseClick(okButton(list.openDialog()), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return !list.openDialog() || !list.openDialog()->isVisible(); }, 5000));
        QCOMPARE(connectRequested.count(), 1); // an edit saves, the user connects when they want to
    }

    void deleteAsksFirstAndRemovesTheSecret()
    {
        auto store = newStore();
        MemorySecretStore keychain;
        MemorySecretStore session;
        const ConnectionProfile p
            = savedProfile(QStringLiteral("Doomed"), QStringLiteral("http://127.0.0.1:8000"), QStringLiteral("AKID"));
        const QString id = addWithSecret(*store, keychain, p, Secret);
        session.setSecret(id, Secret);
        ConnectionList list(store.get(), &keychain, &session);
        showList(list);
        QCOMPARE(list.currentProfile()->id, id);

        list.view()->setFocus();
        QTest::keyClick(list.view(), Qt::Key_Delete);
        QMessageBox *box = list.openConfirmation();
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(QLatin1String("Doomed")));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(!box->isVisible());
        // deleteLater() from inside a simulated click waits for the outermost loop; run it here.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(!list.openConfirmation());
        QCOMPARE(store->savedProfiles().size(), 1);

        list.deleteAction()->trigger();
        box = list.openConfirmation();
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(waitUntil([&] { return store->savedProfiles().isEmpty(); }, 5000));
        QVERIFY(waitUntil([&] { return !keychain.contains(id); }, 5000));
        QVERIFY(!session.contains(id));
        QVERIFY(!list.currentProfile());
    }

    void testActionShowsTheResultUnderTheList()
    {
        FakeS3Server server;
        QVERIFY(server.start());
        server.createBucket(QStringLiteral("only"));
        auto store = newStore();
        MemorySecretStore keychain;
        addFakeServerConnection(*store, keychain, server, QStringLiteral("Fake"), QStringLiteral("AKID"), Secret);
        ConnectionList list(store.get(), &keychain, nullptr);
        showList(list);
        QSignalSpy tested(&list, &ConnectionList::testFinished);
        // No shortcut of its own: Ctrl+T is New tab, Ctrl+J shows the transfers, wherever the focus is.
        QVERIFY(list.testAction()->shortcut().isEmpty());
        list.testAction()->trigger();
        QVERIFY(waitUntil([&] { return tested.count() == 1; }, 10000));
        QVERIFY(tested.at(0).at(0).toBool());
        QCOMPARE(list.statusText(), QStringLiteral("Connected: 1 bucket."));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
