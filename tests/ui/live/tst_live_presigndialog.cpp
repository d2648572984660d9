// SPDX-License-Identifier: Apache-2.0
// The presign dialog with a real Ceph STS session: a role created through the IAM API, assumed for 900 s (the
// shortest session STS grants). The dialog's default hour is shortened to what is left of the session, it says
// why, and the shortened links (GET and PUT) work on the server; a 15-minute link is shortened too, by the seconds
// that have passed since the session began.
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "dialogs/presigndialog.h"
#include "liveiam.h"
#include "s3core/auth/credentials.h"
#include "s3core/ops/objectjobs.h"
#include "uitestsupport.h"

using namespace Qt::Literals::StringLiterals;
using s3ui::PresignDialog;

class TestLivePresignDialog : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<s3::S3Client> m_client;
    QTemporaryDir m_home;
    QString m_bucket;
    QString m_role;
    s3::Credentials m_session;
    std::unique_ptr<s3ui::Session> m_ui;

    static QString queryItem(const QString &url, const QString &name)
    {
        return QUrlQuery(QUrl::fromEncoded(url.toLatin1())).queryItemValue(name, QUrl::FullyDecoded);
    }

    int send(const QByteArray &verb, const QString &url, const QByteArray &body, QByteArray *answer)
    {
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(QNetworkRequest(QUrl::fromEncoded(url.toLatin1())), verb, body));
        if (!waitUntil([&] { return reply->isFinished(); }, 30000))
            return -1;
        *answer = reply->readAll();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    static bool waitForUrl(const PresignDialog &dialog) { return waitUntil([&] { return !dialog.url().isEmpty(); }, 20000); }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        // Session credentials only work on the gateway with STS on; every request of this test goes there.
        QVERIFY2(!m_server.stsEndpoint.isEmpty(), "S3_STS_ENDPOINT is not set: start the server with scripts/s3server-up.sh");
        m_server.endpoint = m_server.stsEndpoint;
        QVERIFY(m_home.isValid());
        m_client = m_server.client(&m_network);
        m_bucket = createTestBucket(m_client.get(), u"presigndialog"_s);
        QVERIFY(!m_bucket.isEmpty());
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"report.txt"_s, "shared for a while\n"));

        m_role = uniqueBucketName(u"s3desk-presign-role"_s);
        const QString created = createLiveRole(m_server, m_home.path(), m_role, assumeRoleTrust({u"arn:aws:iam:::user/tester"_s}));
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const QJsonObject credentials = assumeRoleWithAwscli(m_server, m_home.path(), u"arn:aws:iam:::role/"_s + m_role, u"presign-dialog"_s, 900);
        QVERIFY2(!credentials.isEmpty(), "AssumeRole through awscli failed");
        m_session.accessKeyId = credentials.value(u"AccessKeyId"_s).toString();
        m_session.secretAccessKey = credentials.value(u"SecretAccessKey"_s).toString();
        m_session.sessionToken = credentials.value(u"SessionToken"_s).toString();
        m_session.expiry = s3::parseExpiration(credentials.value(u"Expiration"_s).toString());
        QVERIFY(m_session.isComplete() && !m_session.sessionToken.isEmpty());
        QVERIFY2(m_session.expiry.isValid(), qPrintable(credentials.value(u"Expiration"_s).toString()));
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_session.expiry);
        QVERIFY2(left > 600 && left <= 900, qPrintable(QString::number(left)));

        s3ui::SessionConfig config = liveSessionConfig(m_server);
        config.resolver = staticResolver(m_server.endpoint, m_server.region, m_session);
        m_ui = openTestSession(std::move(config));
        QVERIFY(m_ui);
    }

    void defaultHourIsShortenedToTheSession()
    {
        PresignDialog dialog(m_ui.get(), m_bucket, u"report.txt"_s);
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        QVERIFY(waitUntil([&] { return dialog.hasTemporaryCredentials(); }, 5000));
        QCOMPARE(dialog.expirySeconds(), 3600);
        QVERIFY(dialog.isClamped());
        const qint64 signedFor = queryItem(dialog.url(), u"X-Amz-Expires"_s).toLongLong();
        QCOMPARE(signedFor, dialog.effectiveExpirySeconds());
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_session.expiry);
        QVERIFY2(signedFor <= left + 1 && signedFor >= left - 30, qPrintable(u"signed for %1 s, session left %2 s"_s.arg(signedFor).arg(left)));
        QCOMPARE(queryItem(dialog.url(), u"X-Amz-Security-Token"_s), m_session.sessionToken);
        const QString expiresAt = child<QLabel>(dialog, "expiresAtLabel")->text();
        QVERIFY2(expiresAt.contains(u"Shortened from 1 h 00 min"_s), qPrintable(expiresAt));
        QVERIFY2(expiresAt.contains(u"temporary credentials expire at"_s), qPrintable(expiresAt));
        QVERIFY(!dialog.url().contains(m_session.secretAccessKey));

        // Ceph accepts the shortened link, session token and all.
        QByteArray body;
        QCOMPARE(send("GET", dialog.url(), {}, &body), 200);
        QCOMPARE(body, QByteArray("shared for a while\n"));

        // A PUT link, shortened the same way, writes the object.
        child<QComboBox>(dialog, "methodCombo")->setCurrentIndex(1);
        QVERIFY(waitForUrl(dialog)); // a change of method clears the link and signs again
        QVERIFY(dialog.isClamped());
        QCOMPARE(send("PUT", dialog.url(), "replaced through a presigned PUT\n", &body), 200);
        s3::GetObjectJob get(m_client.get(), m_bucket, u"report.txt"_s);
        get.setAutoDelete(false);
        QVERIFY(runJob(get));
        QVERIFY2(!get.hasError(), qPrintable(get.error().toString()));
        QCOMPARE(get.data(), QByteArray("replaced through a presigned PUT\n"));
    }

    void fifteenMinutesAreShortenedByWhatHasPassed()
    {
        // The session was granted for exactly 900 s and some of it has passed: even the shortest preset is cut.
        QTest::qWait(1100);
        PresignDialog dialog(m_ui.get(), m_bucket, u"report.txt"_s);
        dialog.show();
        QVERIFY(waitForUrl(dialog));
        auto *combo = child<QComboBox>(dialog, "expiryCombo");
        combo->setCurrentIndex(combo->findData(qint64(15 * 60)));
        QVERIFY(waitUntil([&] { return dialog.expirySeconds() == 900 && !dialog.url().isEmpty(); }, 20000));
        QVERIFY(dialog.isClamped());
        QVERIFY2(dialog.effectiveExpirySeconds() < 900, qPrintable(QString::number(dialog.effectiveExpirySeconds())));
        QVERIFY2(child<QLabel>(dialog, "expiresAtLabel")->text().contains(u"Shortened from 15 min 00 s"_s),
                 qPrintable(child<QLabel>(dialog, "expiresAtLabel")->text()));
        QByteArray body;
        QCOMPARE(send("GET", dialog.url(), {}, &body), 200);
    }

    void cleanupTestCase()
    {
        if (!m_role.isEmpty())
            deleteLiveRole(m_server, m_home.path(), m_role);
        if (m_client && !m_bucket.isEmpty())
            removeTestBucket(m_client.get(), m_bucket);
    }
};

QTEST_MAIN(TestLivePresignDialog)
#include "tst_live_presigndialog.moc"
