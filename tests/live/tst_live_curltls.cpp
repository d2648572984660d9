// SPDX-License-Identifier: Apache-2.0
// The libcurl bulk path's certificate trust against the real gateway's TLS port: the connection's CA bundle is
// trusted besides the system's store, through one store per pool however many connections are opened, and a
// bundle that did not sign the server's certificate (or none) fails the handshake.
#include <QFile>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

#include "livetest.h"
#include "s3core/net/curlhttp.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

namespace {

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText;
};

/** Several GETs of the gateway's root at once (so that libcurl opens several connections), each run to its end. */
QList<Answer> getRoot(CurlHttpPool &pool, const QString &endpoint, const QByteArray &caPem, int count)
{
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < count; ++i) {
        CurlHttpPool::Exchange exchange;
        exchange.method = "GET";
        exchange.url = QUrl(endpoint + u"/"_s);
        exchange.hostHeader = exchange.url.authority().toUtf8();
        exchange.caCertificates = caPem;
        exchange.transferTimeoutMs = 10000;
        replies.emplace_back(pool.send(exchange));
    }
    QList<Answer> answers;
    for (const std::unique_ptr<QNetworkReply> &reply : replies) {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            finished.wait(20000);
        }
        answers.append({reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error(), reply->errorString()});
    }
    return answers;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestLiveCurlTls : public QObject
{
    Q_OBJECT
    LiveServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
    }

    void theBundleIsTrustedThroughOneStorePerPool()
    {
        const QByteArray ca = readFile(m_server.tlsCa);
        QVERIFY(!ca.isEmpty());
        CurlHttpPool pool;
        const QList<Answer> answers = getRoot(pool, m_server.tlsEndpoint, ca, 4);
        for (const Answer &answer : answers) {
            // An anonymous listing of the root: the gateway answers (any HTTP status proves the handshake).
            QVERIFY2(answer.status >= 200 && answer.status < 500, qPrintable(u"%1: %2"_s.arg(answer.status).arg(answer.errorText)));
        }
        const QList<Answer> again = getRoot(pool, m_server.tlsEndpoint, ca, 2);
        QVERIFY2(again.constFirst().status >= 200, qPrintable(again.constFirst().errorText));
        QVERIFY2(pool.stats().connectionsOpened >= 2, qPrintable(QString::number(pool.stats().connectionsOpened)));
        QCOMPARE(pool.stats().trustStoresBuilt, 1);
    }

    void aBundleThatDidNotSignTheServerFails_data()
    {
        QTest::addColumn<QByteArray>("bundle");
        QTest::addColumn<int>("storesBuilt");
        // A CA of the system's store, given as the bundle: the gateway's self-signed certificate is in neither.
        const QList<QSslCertificate> system = QSslCertificate::fromPath(u"/etc/ssl/certs/ca-certificates.crt"_s);
        QTest::newRow("an unrelated CA") << (system.isEmpty() ? QByteArray() : system.constFirst().toPem()) << 1;
        QTest::newRow("no bundle: the system's store only") << QByteArray() << 0;
    }

    void aBundleThatDidNotSignTheServerFails()
    {
        QFETCH(QByteArray, bundle);
        QFETCH(int, storesBuilt);
        QVERIFY2(storesBuilt == 0 || !bundle.isEmpty(), "no system CA certificate to use as an unrelated bundle");
        CurlHttpPool pool;
        const QList<Answer> answers = getRoot(pool, m_server.tlsEndpoint, bundle, 1);
        QCOMPARE(answers.constFirst().status, 0);
        QVERIFY2(answers.constFirst().error == QNetworkReply::SslHandshakeFailedError, qPrintable(answers.constFirst().errorText));
        QCOMPARE(pool.stats().trustStoresBuilt, storesBuilt);
    }
};

QTEST_GUILESS_MAIN(TestLiveCurlTls)
#include "tst_live_curltls.moc"
