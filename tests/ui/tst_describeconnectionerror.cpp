// SPDX-License-Identifier: Apache-2.0
// describeConnectionError(): each failure a user meets on connecting gets a specific message that names the S3
// error code (or the local cause) and says what to do.
#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

#include "connection/connectiontester.h"
#include "util/translations.h"
#include "s3core/auth/ssoconfig.h"

using s3::S3Error;
using Kind = s3::S3Error::Kind;

Q_DECLARE_METATYPE(std::optional<qint64>)

class TestDescribeConnectionError : public QObject
{
    Q_OBJECT

    QTranslator m_plurals;

private Q_SLOTS:
    void initTestCase()
    {
        // "your clock is 1 minute off": the English plural forms, as the app installs them.
        QVERIFY(s3ui::loadEnglishPlurals(&m_plurals));
        QCoreApplication::installTranslator(&m_plurals);
    }

    void messages_data()
    {
        QTest::addColumn<S3Error>("error");
        QTest::addColumn<std::optional<qint64>>("clockOffset");
        QTest::addColumn<QStringList>("expected");

        const auto s3 = [](int status, const char *code, const char *message = "") {
            return S3Error::fromS3(status, QLatin1String(code), QLatin1String(message), QStringLiteral("tx0001"));
        };
        const std::optional<qint64> none;

        QTest::newRow("wrong secret") << s3(403, "SignatureDoesNotMatch") << none
                                      << QStringList{QStringLiteral("Wrong secret key"),
                                                     QStringLiteral("SignatureDoesNotMatch"),
                                                     QStringLiteral("Check the secret key"),
                                                     QStringLiteral("request id tx0001"), QStringLiteral("HTTP 403")};
        QTest::newRow("unknown key") << s3(403, "InvalidAccessKeyId") << none
                                     << QStringList{QStringLiteral("Unknown access key"),
                                                    QStringLiteral("InvalidAccessKeyId"),
                                                    QStringLiteral("Check the access key")};
        QTest::newRow("refused") << S3Error(Kind::Network, QStringLiteral("connection refused by 127.0.0.1:9")) << none
                                 << QStringList{QStringLiteral("Cannot reach the server"),
                                                QStringLiteral("connection refused by 127.0.0.1:9"),
                                                QStringLiteral("host and port"),
                                                QStringLiteral("server is running")};
        QTest::newRow("host not found") << S3Error(Kind::Network, QStringLiteral("host not found: nosuch.invalid"))
                                        << none
                                        << QStringList{QStringLiteral("Cannot reach the server"),
                                                       QStringLiteral("nosuch.invalid"),
                                                       QStringLiteral("host name"), QStringLiteral("DNS")};
        QTest::newRow("other network")
            << S3Error(Kind::Network, QStringLiteral("127.0.0.1:8000 closed the connection early")) << none
            << QStringList{QStringLiteral("Network error"), QStringLiteral("closed the connection early"),
                           QStringLiteral("endpoint URL")};
        QTest::newRow("tls") << S3Error(Kind::Tls, QStringLiteral("TLS handshake with 127.0.0.1:8443 failed: The "
                                                                  "issuer certificate of a locally looked up "
                                                                  "certificate could not be found"))
                             << none
                             << QStringList{QStringLiteral("TLS error"), QStringLiteral("127.0.0.1:8443"),
                                            QStringLiteral("CA file"), QStringLiteral("self-signed")};
        QTest::newRow("skew ahead") << s3(403, "RequestTimeTooSkewed") << std::optional<qint64>(3600)
                                    << QStringList{QStringLiteral("RequestTimeTooSkewed"),
                                                   QStringLiteral("your clock is 60 minutes off"),
                                                   QStringLiteral("ahead"), QStringLiteral("fix the system time")};
        QTest::newRow("skew behind") << s3(403, "RequestTimeTooSkewed") << std::optional<qint64>(-1795)
                                     << QStringList{QStringLiteral("your clock is 30 minutes off"),
                                                    QStringLiteral("behind"), QStringLiteral("fix the system time")};
        QTest::newRow("skew one minute") << s3(403, "RequestTimeTooSkewed") << std::optional<qint64>(50)
                                         << QStringList{QStringLiteral("your clock is 1 minute off")};
        QTest::newRow("skew unmeasured") << s3(403, "RequestTimeTooSkewed") << none
                                         << QStringList{QStringLiteral("RequestTimeTooSkewed"),
                                                        QStringLiteral("more than the 15 minutes"),
                                                        QStringLiteral("fix the system time")};
        QTest::newRow("access denied") << s3(403, "AccessDenied") << none
                                       << QStringList{QStringLiteral("Access denied"), QStringLiteral("AccessDenied"),
                                                      QStringLiteral("Bucket field"),
                                                      QStringLiteral("s3:ListAllMyBuckets")};
        QTest::newRow("forbidden (no body)") << S3Error::fromHttpStatus(403) << none
                                             << QStringList{QStringLiteral("Access denied"),
                                                            QStringLiteral("Forbidden")};
        S3Error noBucket = s3(404, "NoSuchBucket");
        noBucket.setResource(QStringLiteral("/photos"));
        QTest::newRow("no such bucket") << noBucket << none
                                        << QStringList { QStringLiteral("NoSuchBucket"),
                                                         QStringLiteral("bucket 'photos'"),
                                                         QStringLiteral("Check the bucket name") };
        QTest::newRow("no such bucket, no resource") << s3(404, "NoSuchBucket") << none
                                                     << QStringList{QStringLiteral("NoSuchBucket"),
                                                                    QStringLiteral("the bucket does not exist")};
        QTest::newRow("timeout") << S3Error(Kind::Timeout, QStringLiteral("10.0.0.1:9000 stopped answering")) << none
                                 << QStringList{QStringLiteral("Timeout"), QStringLiteral("stopped answering"),
                                                QStringLiteral("firewall")};
        QTest::newRow("expired token") << s3(400, "ExpiredToken") << none
                                       << QStringList{QStringLiteral("ExpiredToken"), QStringLiteral("Refresh")};
        S3Error redirect = s3(301, "PermanentRedirect");
        redirect.setRegion(QStringLiteral("eu-west-1"));
        QTest::newRow("wrong region") << redirect << none
                                      << QStringList{QStringLiteral("PermanentRedirect"),
                                                     QStringLiteral("region eu-west-1")};
        QTest::newRow("not an S3 server") << S3Error::fromHttpStatus(404) << none
                                          << QStringList{QStringLiteral("NotFound"), QStringLiteral("S3 server")};
        QTest::newRow("bad settings") << S3Error::invalid(QStringLiteral("Invalid endpoint URL \"x\": no host name"))
                                      << none
                                      << QStringList{QStringLiteral("Invalid connection settings"),
                                                     QStringLiteral("no host name")};
        QTest::newRow("missing secret") << S3Error(Kind::Auth, QStringLiteral("No secret key for the connection c"))
                                        << none << QStringList{QStringLiteral("Credentials: No secret key")};
        S3Error ssoSignIn(Kind::Auth, QStringLiteral("SSO profile 'dev': no SSO token (no file). Sign in to IAM Identity "
                                                     "Center (SSO) again: s3desk-cli sso login --profile dev (or aws sso "
                                                     "login --profile dev, or Sign in… in the app)"));
        ssoSignIn.setCode(QString::fromLatin1(s3::SsoSignInRequiredCode));
        QTest::newRow("sso sign-in needed")
            << ssoSignIn << none
            << QStringList{QStringLiteral("IAM Identity Center (SSO) sign-in needed: SSO profile 'dev': no SSO token"),
                           QStringLiteral("s3desk-cli sso login --profile dev")};
        QTest::newRow("server error") << s3(500, "InternalError") << none
                                      << QStringList { QStringLiteral("InternalError"),
                                                       QStringLiteral("try again later") };
    }

    void messages()
    {
        QFETCH(S3Error, error);
        QFETCH(std::optional<qint64>, clockOffset);
        QFETCH(QStringList, expected);
        const QString message = s3ui::describeConnectionError(error, clockOffset);
        for (const QString &part : std::as_const(expected))
            QVERIFY2(message.contains(part), qPrintable(QStringLiteral("'%1' not in: %2").arg(part, message)));
        QVERIFY2(!message.contains(QLatin1String("..")), qPrintable(message));
        if (qEnvironmentVariableIsSet("S3DESK_PRINT_MESSAGES"))
            qInfo().noquote() << message;
    }

    void everyServerCodeIsNamed()
    {
        // Whatever the code, the user (and whoever they ask for help) sees it.
        for (const char *code : {"SignatureDoesNotMatch", "InvalidAccessKeyId", "RequestTimeTooSkewed", "AccessDenied",
                                 "NoSuchBucket", "ExpiredToken", "InvalidToken", "SlowDown", "InternalError",
                                 "AuthorizationHeaderMalformed", "SomethingNew"}) {
            const QString message = s3ui::describeConnectionError(S3Error::fromS3(400, QLatin1String(code), {}));
            QVERIFY2(message.contains(QLatin1String(code)), qPrintable(message));
        }
    }
};

QTEST_MAIN(TestDescribeConnectionError)
#include "tst_describeconnectionerror.moc"
