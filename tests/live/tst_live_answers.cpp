// SPDX-License-Identifier: Apache-2.0
// Request headers and endpoint secrets with s3desk-cli against the real Ceph RGW: a control character in a
// header value is refused before anything is sent (the object is not created), a secret in the endpoint URL
// never shows in messages or --debug output, and long real listings (many pages, distinct tokens) still work
// with the repeated-token check.
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include "cliprocess.h"
#include "livetest.h"
#include "reliabilitycase.h"
#include "s3core/ops/listobjectsjob.h"
#include "s3core/ops/objectjobs.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class tst_LiveAnswers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void headerWithLineBreakNotSent_data();
    void headerWithLineBreakNotSent();
    void endpointSecretNeverPrinted_data();
    void endpointSecretNeverPrinted();
    void manyPagesStillList();

private:
    QProcessEnvironment environment() const;
    bool objectExists(const QString &key, S3Error *error);

    LiveServer m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<S3Client> m_client;
    QString m_bucket;
    QTemporaryDir m_home;
    QTemporaryDir m_dir;
};

void tst_LiveAnswers::initTestCase()
{
    S3DESK_REQUIRE_LIVE_SERVER(m_server);
    QVERIFY(m_home.isValid() && m_dir.isValid());
    m_client = m_server.client(&m_nam);
    m_bucket = createTestBucket(m_client.get(), u"s3desk-live-answers"_s);
    QVERIFY(!m_bucket.isEmpty());
}

void tst_LiveAnswers::cleanupTestCase()
{
    if (m_client && !m_bucket.isEmpty())
        QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
}

QProcessEnvironment tst_LiveAnswers::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList names = env.keys();
    for (const QString &name : names) {
        if (name.startsWith(u"AWS_"_s))
            env.remove(name);
    }
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    env.insert(u"AWS_DEFAULT_REGION"_s, m_server.region);
    return env;
}

bool tst_LiveAnswers::objectExists(const QString &key, S3Error *error)
{
    HeadObjectJob head(m_client.get(), m_bucket, key);
    head.setAutoDelete(false);
    if (!runJob(head, 20000)) {
        *error = S3Error::invalid(u"HEAD did not finish"_s);
        return true;
    }
    *error = head.hasError() && head.error().httpStatus() != 404 ? head.error() : S3Error();
    return !head.hasError();
}

void tst_LiveAnswers::headerWithLineBreakNotSent_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("header");
    QTest::newRow("meta CRLF") << QStringList{u"--meta"_s, u"a=b\r\nX-Amz-Meta-Injected: y"_s} << u"x-amz-meta-a"_s;
    QTest::newRow("content type LF") << QStringList{u"--content-type"_s, u"text/plain\nX-Amz-Meta-Injected: y"_s} << u"content-type"_s;
}

void tst_LiveAnswers::headerWithLineBreakNotSent()
{
    QFETCH(QStringList, options);
    QFETCH(QString, header);
    const QString file = m_dir.filePath(u"small.txt"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("small");
    out.close();
    QProcessEnvironment env = environment();
    env.insert(u"AWS_ACCESS_KEY_ID"_s, m_server.accessKey);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_server.secretKey);
    const QString key = u"injected-%1"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-');
    const ProcessOutcome r = runProgram(cliPath(), QStringList{u"--endpoint-url"_s, m_server.endpoint, u"put"_s, file,
                                                               u"s3://%1/%2"_s.arg(m_bucket, key)} + options, env, 60000);
    QVERIFY2(r.finished && r.exitCode != 0, r.describe().constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(header), r.describe().constData());
    S3Error error;
    QVERIFY2(!objectExists(key, &error), "the object was created");
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    recordReliabilityCase({u"Server answers"_s, u"s3desk-cli put with a line break in %1"_s.arg(header),
                           u"refused before sending, exit status non-zero, the header named; no object"_s,
                           u"exit %1, stderr names %2; HEAD on the key answers 404"_s.arg(r.exitCode).arg(header), true,
                           u"Ceph RGW"_s});
}

void tst_LiveAnswers::endpointSecretNeverPrinted_data()
{
    QTest::addColumn<bool>("viaEnvironment");
    QTest::addColumn<bool>("slash");
    QTest::newRow("option") << false << false;
    QTest::newRow("AWS_ENDPOINT_URL") << true << false;
    QTest::newRow("option, wrong secret with /") << false << true;
}

void tst_LiveAnswers::endpointSecretNeverPrinted()
{
    QFETCH(bool, viaEnvironment);
    QFETCH(bool, slash);
    const QUrl base(m_server.endpoint);
    const QString secret = slash ? u"wrong/secret-value-1234"_s : m_server.secretKey;
    const QString url = u"%1://%2:%3@%4:%5"_s.arg(base.scheme(), m_server.accessKey, QString::fromLatin1(QUrl::toPercentEncoding(secret, "/")),
                                                  base.host())
                            .arg(base.port());
    QProcessEnvironment env = environment();
    QStringList arguments;
    if (viaEnvironment)
        env.insert(u"AWS_ENDPOINT_URL"_s, url);
    else
        arguments << u"--endpoint-url"_s << url;
    arguments << u"--debug"_s << u"stat"_s << u"s3://%1/missing-key"_s.arg(m_bucket);
    const ProcessOutcome r = runProgram(cliPath(), arguments, env, 60000);
    QVERIFY2(r.finished && r.exitCode == 1, r.describe().constData());
    const QString all = QString::fromUtf8(r.out + r.err);
    QVERIFY2(!all.contains(secret), "the secret was printed");
    if (slash) // the part after the '/' would be the URL's "path" to a parser
        QVERIFY2(!all.contains(secret.section(u'/', 1)), "the end of the secret was printed");
    if (slash)
        QVERIFY2(all.contains(u"***@"_s), r.describe().constData());
    else
        QVERIFY2(all.contains(u"NoSuchKey"_s) || all.contains(u"404"_s), r.describe().constData()); // the keys worked
    recordReliabilityCase({u"Secrets, files and terminal"_s, u"s3desk-cli --debug with the secret in the endpoint URL (%1)"_s.arg(QString::fromUtf8(QTest::currentDataTag())),
                           u"the secret appears nowhere in stdout, stderr or the debug log"_s,
                           slash ? u"refused, URL shown as ***@host; output searched for the secret: absent"_s
                                 : u"signed with the URL's keys (404 for the missing key); output searched for the secret: absent"_s,
                           true, u"Ceph RGW"_s});
}

void tst_LiveAnswers::manyPagesStillList()
{
    // 25 keys listed 4 at a time: 7 pages, 7 distinct tokens; the repeated-token guard must not stop it.
    for (int i = 0; i < 25; ++i) {
        PutObjectJob put(m_client.get(), m_bucket, u"paged/%1"_s.arg(i, 2, 10, QLatin1Char('0')));
        put.setAutoDelete(false);
        put.setData(QByteArray::number(i));
        QVERIFY(runJob(put, 20000));
        QVERIFY2(!put.hasError(), qPrintable(put.error().toString()));
    }
    ListObjectsJob list(m_client.get(), {m_bucket, u"paged/"_s, {}, {}, 4, {}});
    list.setAutoDelete(false);
    list.setCollect(true);
    QVERIFY(runJob(list, 60000));
    QVERIFY2(!list.hasError(), qPrintable(list.error().toString()));
    QCOMPARE(list.objects().size(), 25);
    QCOMPARE(list.pageCount(), 7);
}

QTEST_GUILESS_MAIN(tst_LiveAnswers)
#include "tst_live_answers.moc"
