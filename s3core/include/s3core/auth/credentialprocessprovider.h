// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QProcess>
#include <QTimer>

#include "s3core/auth/refreshingcredentialsprovider.h"

namespace s3 {

/**
 * credential_process: runs the profile's command (split like botocore, no shell) with QProcess, never blocking
 * the caller's thread, and reads its JSON answer (s3core/auth/credentialprocess.h). The program gets a time limit
 * (60 s by default; it may be asking the user for something); its standard output is bounded, and its standard
 * error, trimmed and bounded, goes into the error message when it fails. Credentials with an Expiration are
 * fetched anew before they expire (RefreshingCredentialsProvider); without one they are kept.
 */
class S3CORE_EXPORT CredentialProcessProvider final : public RefreshingCredentialsProvider
{
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 60000;
    static constexpr qsizetype MaxStderrInMessage = 1000;

    CredentialProcessProvider(QString profile, QString command, Clock clock = systemClock(), QObject *parent = nullptr);
    ~CredentialProcessProvider() override;

    QString name() const override;
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

protected:
    void fetch(FetchDone done) override;
    void cancelFetch() override;

private:
    void finishProcess(const Result<Credentials> &result);

    QString m_profile;
    QString m_command;
    int m_timeoutMs = DefaultTimeoutMs;
    QPointer<QProcess> m_process;
    QTimer m_timer;
    QByteArray m_stdout;
    QByteArray m_stderr;
    bool m_overflow = false;
    FetchDone m_done;
};

} // namespace s3
