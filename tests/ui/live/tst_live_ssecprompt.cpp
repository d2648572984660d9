// SPDX-License-Identifier: Apache-2.0
// The app's prompt for a customer-provided key (SSE-C) against the real Ceph RGW over https: Properties of an
// SSE-C object asks for the key, a wrong one is refused in the prompt again, the right one shows the properties.
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QDialogButtonBox>
#include <QRadioButton>
#include <QTest>

#include "dialogs/propertiesdialog.h"
#include "dialogs/ssecustomerkeydialog.h"
#include "s3core/ops/objectjobs.h"
#include "uitestsupport.h"

using namespace s3;
using namespace Qt::Literals::StringLiterals;

class TestLiveSsecPrompt : public QObject
{
    Q_OBJECT

private:
    LiveServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    std::unique_ptr<s3ui::Session> m_session;
    QString m_bucket;
    const QByteArray m_key = QByteArray(32, 'q');

    /** Types the key as base64 into the visible prompt and confirms it. */
    bool answerPrompt(s3ui::PropertiesDialog &dialog, const QByteArray &rawKey)
    {
        auto *prompt = waitForVisibleChild<s3ui::SseCustomerKeyDialog>(&dialog, u"sseCustomerKeyDialog"_s, 10000);
        if (!prompt)
            return false;
        child<QRadioButton>(*prompt, "textRadio")->setChecked(true);
        child<QLineEdit>(*prompt, "textEdit")->setText(QString::fromLatin1(rawKey.toBase64()));
        child<QDialogButtonBox>(*prompt, "")->button(QDialogButtonBox::Ok)->click();
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        S3DESK_REQUIRE_LIVE_SERVER(m_server);
        S3DESK_REQUIRE_LIVE_TLS(m_server, (BulkPath{true, true}));
        m_client = liveTlsClient(m_server, &m_network);
        QVERIFY(m_client);
        m_bucket = createTestBucket(m_client.get(), u"s3desk-live-ssecprompt"_s);
        QVERIFY(!m_bucket.isEmpty());
        m_session = openTestSession(liveTlsSessionConfig(m_server, {}, u"live-ssec"_s));
        QVERIFY(m_session);
    }

    void cleanupTestCase()
    {
        m_session.reset();
        if (m_client && !m_bucket.isEmpty())
            QVERIFY(!removeTestBucket(m_client.get(), m_bucket).isError());
    }

    void propertiesAskForTheKey()
    {
        ObjectAttributes attributes;
        attributes.sseCustomerKey = *SseCustomerKey::fromRaw(m_key);
        attributes.contentType = u"text/plain"_s;
        QVERIFY(putTestObject(m_client.get(), m_bucket, u"secret.txt"_s, "top secret", attributes));

        s3ui::PropertiesDialog dialog(m_session.get(), m_bucket, u"secret.txt"_s);
        QSignalSpy loaded(&dialog, &s3ui::PropertiesDialog::metadataLoaded);
        dialog.show();
        // A wrong key first: the prompt comes back saying the key was refused.
        QVERIFY(answerPrompt(dialog, QByteArray(32, 'w')));
        QVERIFY2(waitUntil([&] {
            for (auto *prompt : dialog.findChildren<s3ui::SseCustomerKeyDialog *>(u"sseCustomerKeyDialog"_s)) {
                if (prompt->isVisible() && child<QLabel>(*prompt, "introLabel")->text().contains(u"refused"_s))
                    return true;
            }
            return false;
        }, 10000), qPrintable(dialog.findChild<QLabel *>(u"errorLabel"_s)->text()));
        QVERIFY(answerPrompt(dialog, m_key));
        QVERIFY(waitUntil([&] { return !loaded.isEmpty(); }, 10000));
        QCOMPARE(dialog.metadata().size, 10);
        QCOMPARE(dialog.metadata().sseCustomerAlgorithm, u"AES256"_s);
    }

    void promptRefusesABadKeyItself()
    {
        s3ui::SseCustomerKeyDialog prompt(u"x"_s, false);
        prompt.show();
        child<QRadioButton>(prompt, "textRadio")->setChecked(true);
        child<QLineEdit>(prompt, "textEdit")->setText(u"AAECAw=="_s);
        prompt.accept();
        QVERIFY(prompt.isVisible());
        QVERIFY(prompt.key().isNull());
        QVERIFY(child<QLabel>(prompt, "errorLabel")->text().contains(u"32 bytes"_s));
    }
};

QTEST_MAIN(TestLiveSsecPrompt)
#include "tst_live_ssecprompt.moc"
