// SPDX-License-Identifier: Apache-2.0
// KeychainSecretStore on the REAL QtKeychain backend (Secret Service / gnome-keyring): write, read, replace and
// delete a secret; nothing in plain files; without a session bus the store says it is unavailable and refuses
// (no plain-text fallback). Needs a D-Bus session with an unlocked keyring: run it through
// scripts/with-keyring.sh. In CI (CI=true) a missing keychain is a failure, elsewhere the test skips.
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "dialogs/secretpromptdialog.h"
#include "livetest.h"

using namespace s3ui;

namespace {

// Not "S3Desk": a test must never touch the user's real entries.
const QString TestService = QStringLiteral("S3Desk-test");
const char ChildVariable[] = "S3DESK_KEYCHAIN_TEST_CHILD";

struct ReadOutcome
{
    bool done = false;
    bool ok = false;
    QString secret;
    QString error;
};

ReadOutcome readNow(SecretStore &store, const QString &id)
{
    ReadOutcome outcome;
    QObject context;
    store.readSecret(id, &context, [&outcome](const s3::Result<QString> &secret) {
        outcome.done = true;
        outcome.ok = secret.ok();
        if (secret)
            outcome.secret = *secret;
        else
            outcome.error = secret.error().message();
    });
    waitUntil([&] { return outcome.done; }, 30000);
    return outcome;
}

// Empty string: success.
QString doneNow(const std::function<void(QObject *, SecretStore::DoneCallback)> &call)
{
    bool done = false;
    QString error = QStringLiteral("(no answer)");
    QObject context;
    call(&context, [&](const s3::Result<s3::Ok> &result) {
        done = true;
        error = result ? QString() : result.error().message();
    });
    waitUntil([&] { return done; }, 30000);
    return error;
}

bool probe(SecretStore &store, QString *reason)
{
    bool done = false;
    bool available = false;
    QObject context;
    store.probeAvailability(&context, [&](bool isAvailable, const QString &why) {
        done = true;
        available = isAvailable;
        *reason = why;
    });
    waitUntil([&] { return done; }, 30000);
    return done && available;
}

// True if some file below `root` holds `needle` in plain text.
bool plainTextIn(const QString &root, const QByteArray &needle)
{
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.size() < 16 * 1024 * 1024 && file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    bool isChild() const { return qEnvironmentVariableIsSet(ChildVariable); }

private Q_SLOTS:
    void initTestCase()
    {
        if (isChild())
            return; // the child only runs childWithoutSessionBus
        KeychainSecretStore store(TestService);
        QString reason;
        if (!probe(store, &reason)) {
            const QString message = QStringLiteral("no system keychain (%1): run the test through "
                                                   "scripts/with-keyring.sh").arg(reason);
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL(qPrintable(message));
            QSKIP(qPrintable(message));
        }
        QVERIFY(store.isAvailable());
        QVERIFY(store.isAvailabilityKnown());
        QVERIFY(store.unavailableReason().isEmpty());
    }

    void writeReadReplaceDelete()
    {
        if (isChild())
            QSKIP("child process");
        KeychainSecretStore store(TestService);
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString secret = QStringLiteral("kc-secret/") + QUuid::createUuid().toString(QUuid::Id128)
            + QStringLiteral("+äöü€");

        ReadOutcome before = readNow(store, id);
        QVERIFY2(before.ok, qPrintable(before.error));
        QVERIFY(before.secret.isEmpty()); // no entry: empty, not an error

        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) { store.writeSecret(id, secret, c, cb); }),
                 QString());
        ReadOutcome read = readNow(store, id);
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(read.secret, secret);

        // A second store (a later run of the app) finds it; another service does not.
        KeychainSecretStore again(TestService);
        QCOMPARE(readNow(again, id).secret, secret);
        KeychainSecretStore otherService(TestService + QStringLiteral("-other"));
        QVERIFY(readNow(otherService, id).secret.isEmpty());

        const QString replaced = secret + QStringLiteral("-2");
        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) { store.writeSecret(id, replaced, c, cb); }),
                 QString());
        QCOMPARE(readNow(store, id).secret, replaced);

        // The keyring keeps it encrypted: no plain copy in the throw-away home of with-keyring.sh.
        const QString home = qEnvironmentVariable("S3DESK_KEYRING_HOME");
        if (!home.isEmpty())
            QVERIFY(!plainTextIn(home, replaced.toUtf8()));

        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) { store.deleteSecret(id, c, cb); }), QString());
        ReadOutcome after = readNow(store, id);
        QVERIFY2(after.ok, qPrintable(after.error));
        QVERIFY(after.secret.isEmpty());
        // Deleting what is not there succeeds.
        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) { store.deleteSecret(id, c, cb); }), QString());
    }

    void callbackDroppedWithItsContext()
    {
        if (isChild())
            QSKIP("child process");
        KeychainSecretStore store(TestService);
        bool called = false;
        auto *context = new QObject;
        store.readSecret(QStringLiteral("whatever"), context,
                         [&called](const s3::Result<QString> &) { called = true; });
        delete context;
        QTest::qWait(500);
        QVERIFY(!called);
    }

    void obtainSecretReadsTheKeychain()
    {
        if (isChild())
            QSKIP("child process");
        KeychainSecretStore store(TestService);
        MemorySecretStore session;
        ConnectionProfile p;
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        p.name = QStringLiteral("kc");
        p.accessKeyId = QStringLiteral("AKID");
        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) {
                     store.writeSecret(p.id, QStringLiteral("s"), c, cb);
                 }),
                 QString());
        QWidget parent;
        std::optional<std::optional<QString>> answer;
        obtainConnectionSecret(p, &store, &session, &parent, [&](std::optional<QString> s) { answer = s; });
        QVERIFY(waitUntil([&] { return answer.has_value(); }, 30000));
        QCOMPARE(answer->value_or(QString()), QStringLiteral("s"));
        QVERIFY(!parent.findChild<SecretPromptDialog *>());
        QCOMPARE(doneNow([&](QObject *c, SecretStore::DoneCallback cb) { store.deleteSecret(p.id, c, cb); }),
                 QString());
    }

    void withoutSessionBusNoFallback()
    {
        if (isChild())
            QSKIP("child process");
        // Re-run this binary without any D-Bus session: the store must say "unavailable" and refuse to write.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QLatin1String(ChildVariable), QStringLiteral("1"));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        environment.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
        QProcess child;
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childWithoutSessionBus")});
        QVERIFY(child.waitForStarted());
        QVERIFY(waitUntil([&] { return child.state() == QProcess::NotRunning; }, 90000));
        const QByteArray output = child.readAll();
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : TestKeychain::childWithoutSessionBus()"), output.constData());
        QVERIFY(!plainTextIn(home.path(), "no-plain-text-please"));
    }

    void childWithoutSessionBus()
    {
        if (!isChild())
            QSKIP("runs in the child process of withoutSessionBusNoFallback");
        KeychainSecretStore store(TestService);
        QString reason;
        QVERIFY(!probe(store, &reason));
        QVERIFY(store.isAvailabilityKnown());
        QVERIFY(!store.isAvailable());
        QVERIFY2(reason.contains(QLatin1String("System keychain")), qPrintable(reason));
        const QString error = doneNow([&](QObject *c, SecretStore::DoneCallback cb) {
            store.writeSecret(QStringLiteral("id"), QStringLiteral("no-plain-text-please"), c, cb);
        });
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(QLatin1String("no-plain-text-please")));
        qInfo().noquote() << error;
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
