// SPDX-License-Identifier: Apache-2.0
// PresignDialog against the in-process fake S3: expiry presets and bounds, method, clipboard, the links work,
// temporary-credential warning, anonymous sessions.
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QUrlQuery>

#include "dialogs/presigndialog.h"
#include "uitestsupport.h"

using s3ui::PresignDialog;

namespace {

/** A session on the fake server; no credentials: anonymous. */
std::unique_ptr<s3ui::Session> openSession(const QString &endpointUrl,
                                           const std::optional<s3::Credentials> &credentials)
{
    s3ui::SessionConfig config = fakeSessionConfig(endpointUrl);
    config.resolver = fakeResolver(endpointUrl, credentials);
    return openTestSession(std::move(config));
}

QString queryItem(const QString &url, const QString &name)
{
    return QUrlQuery(QUrl(url)).queryItemValue(name);
}

} // namespace

class TestPresignDialog : public QObject
{
    Q_OBJECT

private:
    FakeS3Server m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3ui::Session> m_session;
    const QString m_bucket = QStringLiteral("presign");

    // Generous: signing waits for the credentials on the event loop, which a loaded CI machine can delay for seconds.
    static bool waitForUrl(PresignDialog &dialog) { return waitUntil([&] { return !dialog.url().isEmpty(); }, 20000); }

    QNetworkReply *send(const QByteArray &verb, const QString &url, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl::fromEncoded(url.toLatin1()));
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        waitUntil([reply] { return reply->isFinished(); }, 10000);
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_server.createBucket(m_bucket);
        m_session = openSession(m_server.endpointUrl(), fakeCredentials());
        QVERIFY(m_session);
    }

    void defaultLinkIsGetForOneHour()
    {
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("docs/a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        QCOMPARE(dialog.method(), QByteArray("GET"));
        QCOMPARE(dialog.expirySeconds(), 3600);
        const QUrl url(dialog.url());
        QCOMPARE(url.path(), QStringLiteral("/presign/docs/a.txt"));
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), QStringLiteral("3600"));
        QVERIFY(!queryItem(dialog.url(), QStringLiteral("X-Amz-Signature")).isEmpty());
        QCOMPARE(child<QPlainTextEdit>(dialog, "urlEdit")->toPlainText(), dialog.url());
        QVERIFY(child<QPlainTextEdit>(dialog, "urlEdit")->isReadOnly());
        QVERIFY(child<QPushButton>(dialog, "copyButton")->isEnabled());
        QVERIFY(!child<QLabel>(dialog, "temporaryWarning")->isVisible());
        QVERIFY(!child<QLabel>(dialog, "expiresAtLabel")->text().isEmpty());
    }

    void presetsSetTheExpiry_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("expires");
        QTest::newRow("15 min") << 0 << QStringLiteral("900");
        QTest::newRow("1 h") << 1 << QStringLiteral("3600");
        QTest::newRow("1 day") << 2 << QStringLiteral("86400");
        QTest::newRow("7 days") << 3 << QStringLiteral("604800");
    }

    void presetsSetTheExpiry()
    {
        QFETCH(int, index);
        QFETCH(QString, expires);
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        auto *expiry = child<QComboBox>(dialog, "expiryCombo");
        QCOMPARE(expiry->count(), 5); // four presets and Custom
        expiry->setCurrentIndex(index == 1 ? 0 : 1); // make sure the chosen one is a change
        expiry->setCurrentIndex(index);
        QVERIFY(waitForUrl(dialog));
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), expires);
        QVERIFY(!child<QSpinBox>(dialog, "customExpiryValue")->isVisible());
    }

    void customExpiryUpToSevenDays()
    {
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        auto *expiry = child<QComboBox>(dialog, "expiryCombo");
        auto *value = child<QSpinBox>(dialog, "customExpiryValue");
        auto *unit = child<QComboBox>(dialog, "customExpiryUnit");
        expiry->setCurrentIndex(expiry->count() - 1);
        QVERIFY(value->isVisible());
        unit->setCurrentIndex(unit->findText(QStringLiteral("days")));
        value->setValue(7);
        QVERIFY(waitForUrl(dialog));
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), QStringLiteral("604800"));

        unit->setCurrentIndex(unit->findText(QStringLiteral("minutes")));
        value->clear();
        QTest::keyClicks(value, QStringLiteral("45")); // typed, as a user would
        QVERIFY(waitUntil(
            [&] { return queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")) == QLatin1String("2700"); }, 5000));
    }

    void customExpiryAboveSevenDaysIsRefused()
    {
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        auto *expiry = child<QComboBox>(dialog, "expiryCombo");
        auto *value = child<QSpinBox>(dialog, "customExpiryValue");
        auto *unit = child<QComboBox>(dialog, "customExpiryUnit");
        auto *copy = child<QPushButton>(dialog, "copyButton");
        auto *status = child<QLabel>(dialog, "statusLabel");
        expiry->setCurrentIndex(expiry->count() - 1);

        unit->setCurrentIndex(unit->findText(QStringLiteral("days")));
        value->setValue(8);
        QCOMPARE(dialog.expirySeconds(), 8 * 86400);
        QVERIFY(dialog.url().isEmpty());
        QVERIFY(child<QPlainTextEdit>(dialog, "urlEdit")->toPlainText().isEmpty());
        QVERIFY(!copy->isEnabled());
        QVERIFY2(status->text().contains(QLatin1String("7 days")), qPrintable(status->text()));
        QVERIFY(status->isVisible());

        // One second too many is refused as well; exactly the maximum is fine.
        unit->setCurrentIndex(unit->findText(QStringLiteral("seconds")));
        value->setValue(int(PresignDialog::MaxExpirySeconds + 1));
        QVERIFY(dialog.url().isEmpty());
        QVERIFY(!copy->isEnabled());
        value->setValue(int(PresignDialog::MaxExpirySeconds));
        QVERIFY(waitForUrl(dialog));
        QVERIFY(copy->isEnabled());
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), QStringLiteral("604800"));
    }

    void copyPutsTheUrlOnTheClipboard()
    {
        QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        auto *copy = child<QPushButton>(dialog, "copyButton");
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), dialog.url());
        QVERIFY(copy->text().contains(QLatin1String("Copied")));
        QVERIFY(child<QLabel>(dialog, "statusLabel")->text().contains(QLatin1String("Copied")));
    }

    void methodChangeSignsAgain()
    {
        PresignDialog dialog(m_session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        const QString getUrl = dialog.url();
        QSignalSpy changed(&dialog, &PresignDialog::urlChanged);
        auto *method = child<QComboBox>(dialog, "methodCombo");
        method->setFocus();
        QTest::keyClick(method, Qt::Key_Down);
        QCOMPARE(dialog.method(), QByteArray("PUT"));
        QVERIFY(waitForUrl(dialog));
        QVERIFY(dialog.url() != getUrl);
        QVERIFY(!changed.isEmpty());
        QVERIFY(child<QLabel>(dialog, "accessLabel")->text().contains(QLatin1String("upload")));
    }

    void linksWork()
    {
        // The fake does not check signatures (the live test does), but the address, key encoding and method must
        // reach the right object.
        const QString key = QStringLiteral("dir/a b+ü.txt");
        const QByteArray data = "presigned content";
        m_server.putObject(m_bucket, key, data);
        PresignDialog dialog(m_session.get(), m_bucket, key);
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        QTest::mouseClick(child<QPushButton>(dialog, "copyButton"), Qt::LeftButton);
        std::unique_ptr<QNetworkReply> get(send("GET", QGuiApplication::clipboard()->text()));
        QCOMPARE(get->error(), QNetworkReply::NoError);
        QCOMPARE(get->readAll(), data);

        child<QComboBox>(dialog, "methodCombo")->setCurrentIndex(1);
        QVERIFY(waitForUrl(dialog));
        std::unique_ptr<QNetworkReply> put(send("PUT", dialog.url(), "new bytes"));
        QCOMPARE(put->error(), QNetworkReply::NoError);
        QCOMPARE(m_server.object(m_bucket, key)->data, QByteArray("new bytes"));
        QVERIFY(m_server.requests().constLast().isSigned());
    }

    void temporaryCredentialsAreWarnedAbout()
    {
        s3::Credentials credentials = fakeCredentials();
        credentials.sessionToken = QStringLiteral("session-token-value");
        credentials.expiry = QDateTime::currentDateTimeUtc().addSecs(7200);
        auto session = openSession(m_server.endpointUrl(), credentials);
        QVERIFY(session);
        PresignDialog dialog(session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        QVERIFY(waitUntil([&] { return dialog.hasTemporaryCredentials(); }, 5000));
        auto *warning = child<QLabel>(dialog, "temporaryWarning");
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QLatin1String("session token")), qPrintable(warning->text()));
        QVERIFY2(warning->text().contains(QLatin1String("The token expires at")), qPrintable(warning->text()));
        // The token outlives the link's hour: nothing is shortened.
        QVERIFY(!dialog.isClamped());
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), QStringLiteral("3600"));
        QVERIFY(!queryItem(dialog.url(), QStringLiteral("X-Amz-Security-Token")).isEmpty());
        // The secret is never shown, only used.
        QVERIFY(!warning->text().contains(credentials.secretAccessKey));
        QVERIFY(!dialog.url().contains(credentials.secretAccessKey));
    }

    void linkIsShortenedToTheCredentialsLifetime()
    {
        // A static provider with a token that lives 30 minutes: the default hour becomes at most 30 minutes.
        s3::Credentials credentials = fakeCredentials();
        credentials.sessionToken = QStringLiteral("session-token-value");
        credentials.expiry = QDateTime::currentDateTimeUtc().addSecs(1800);
        auto session = openSession(m_server.endpointUrl(), credentials);
        QVERIFY(session);
        PresignDialog dialog(session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        QCOMPARE(dialog.expirySeconds(), 3600);
        QVERIFY(dialog.isClamped());
        const qint64 signedFor = queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")).toLongLong();
        QCOMPARE(signedFor, dialog.effectiveExpirySeconds());
        QVERIFY2(signedFor <= 1800 && signedFor > 1790, qPrintable(QString::number(signedFor)));
        const QString expiresAt = child<QLabel>(dialog, "expiresAtLabel")->text();
        QVERIFY2(expiresAt.contains(QLatin1String("Shortened from 1 h 00 min")), qPrintable(expiresAt));
        QVERIFY2(expiresAt.contains(QLatin1String("temporary credentials expire at")), qPrintable(expiresAt));
        QVERIFY2(expiresAt.startsWith(QLatin1String("Valid until ")), qPrintable(expiresAt));

        // The shortened link works.
        m_server.putObject(m_bucket, QStringLiteral("a.txt"), "short-lived");
        std::unique_ptr<QNetworkReply> get(send("GET", dialog.url()));
        QCOMPARE(get->error(), QNetworkReply::NoError);
        QCOMPARE(get->readAll(), QByteArray("short-lived"));

        // 15 minutes fit: the link is signed as asked and the label says nothing about shortening.
        auto *combo = child<QComboBox>(dialog, "expiryCombo");
        combo->setCurrentIndex(combo->findData(qint64(15 * 60)));
        QVERIFY(waitForUrl(dialog));
        QVERIFY(!dialog.isClamped());
        QCOMPARE(queryItem(dialog.url(), QStringLiteral("X-Amz-Expires")), QStringLiteral("900"));
        QVERIFY(!child<QLabel>(dialog, "expiresAtLabel")->text().contains(QLatin1String("Shortened")));
    }

    void expiredCredentialsCannotSign()
    {
        s3::Credentials credentials = fakeCredentials();
        credentials.sessionToken = QStringLiteral("session-token-value");
        credentials.expiry = QDateTime::currentDateTimeUtc().addSecs(-10);
        auto session = openSession(m_server.endpointUrl(), credentials);
        QVERIFY(session);
        PresignDialog dialog(session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        auto *status = child<QLabel>(dialog, "statusLabel");
        QVERIFY(waitUntil([&] { return status->text().contains(QLatin1String("expired")); }, 5000));
        QVERIFY(dialog.url().isEmpty());
        QVERIFY(!child<QPushButton>(dialog, "copyButton")->isEnabled());
    }

    void anonymousSessionExplainsThatCredentialsAreNeeded()
    {
        auto session = openSession(m_server.endpointUrl(), std::nullopt);
        QVERIFY(session);
        PresignDialog dialog(session.get(), m_bucket, QStringLiteral("a.txt"));
        dialog.show();
        QTest::qWait(20);
        QVERIFY(dialog.url().isEmpty());
        QVERIFY(!child<QPushButton>(dialog, "copyButton")->isEnabled());
        QVERIFY(!child<QComboBox>(dialog, "methodCombo")->isEnabled());
        auto *status = child<QLabel>(dialog, "statusLabel");
        QVERIFY2(status->text().contains(QLatin1String("credentials")), qPrintable(status->text()));
        QVERIFY(status->isVisible());
    }
};

QTEST_MAIN(TestPresignDialog)
#include "tst_presigndialog.moc"
