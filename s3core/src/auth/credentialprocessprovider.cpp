// SPDX-License-Identifier: Apache-2.0
#include "s3core/auth/credentialprocessprovider.h"

#include <utility>

#include "s3core/auth/credentialprocess.h"
#include "s3core/logging.h"

using namespace Qt::Literals::StringLiterals;

namespace s3 {

namespace {

constexpr qsizetype MaxStderrBytes = 16 * 1024;

} // namespace

CredentialProcessProvider::CredentialProcessProvider(QString profile, QString command, Clock clock, QObject *parent)
    : RefreshingCredentialsProvider(std::move(clock), parent)
    , m_profile(std::move(profile))
    , m_command(std::move(command))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finishProcess(S3Error(S3Error::Kind::Auth,
                              u"the program did not answer within %1 s and was stopped"_s.arg(m_timeoutMs / 1000.0)));
    });
}

CredentialProcessProvider::~CredentialProcessProvider()
{
    cancelFetch();
}

QString CredentialProcessProvider::name() const
{
    return u"credential_process of profile '%1'"_s.arg(m_profile);
}

void CredentialProcessProvider::cancelFetch()
{
    m_done = nullptr;
    m_timer.stop();
    if (QProcess *process = m_process.data()) {
        m_process = nullptr;
        process->disconnect(this);
        // Reaped when it reports its end, without waiting here: the object outlives the provider until then
        // (deleting a running QProcess would block in its destructor).
        process->setParent(nullptr);
        QObject::connect(process, &QProcess::finished, process, &QObject::deleteLater);
        process->kill();
    }
}

void CredentialProcessProvider::fetch(FetchDone done)
{
    const Result<QStringList> words = credentialprocess::splitCommandLine(m_command);
    if (!words) {
        done(S3Error(S3Error::Kind::Invalid, name() + u": "_s + words.error().message()));
        return;
    }
    m_done = std::move(done);
    m_stdout.clear();
    m_stderr.clear();
    m_overflow = false;

    auto *process = new QProcess(this);
    m_process = process;
    process->setProgram(words->first());
    process->setArguments(words->mid(1));
    process->setProcessChannelMode(QProcess::SeparateChannels);
    // The program may ask on the terminal (MFA helpers do), so its input stays the terminal's.
    process->setInputChannelMode(QProcess::ForwardedInputChannel);
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        const QByteArray chunk = process->readAllStandardOutput();
        if (m_stdout.size() + chunk.size() > credentialprocess::MaxOutputBytes) {
            m_overflow = true;
            process->kill();
            return;
        }
        m_stdout += chunk;
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        const QByteArray chunk = process->readAllStandardError();
        if (m_stderr.size() < MaxStderrBytes)
            m_stderr += chunk.left(MaxStderrBytes - m_stderr.size());
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finishProcess(S3Error(S3Error::Kind::Auth, u"cannot start \"%1\": %2"_s.arg(process->program(), process->errorString())));
    });
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        m_stdout += process->readAllStandardOutput().left(credentialprocess::MaxOutputBytes + 1);
        m_stderr += process->readAllStandardError().left(MaxStderrBytes);
        if (m_overflow || m_stdout.size() > credentialprocess::MaxOutputBytes) {
            finishProcess(S3Error(S3Error::Kind::Auth, u"the program wrote more than %1 bytes to its standard output"_s
                                                           .arg(credentialprocess::MaxOutputBytes)));
            return;
        }
        QString stderrText = QString::fromUtf8(m_stderr).trimmed();
        if (stderrText.size() > MaxStderrInMessage)
            stderrText = stderrText.left(MaxStderrInMessage) + u"..."_s;
        const QString said = stderrText.isEmpty() ? u" (it wrote nothing to its standard error)"_s : u": "_s + stderrText;
        if (status != QProcess::NormalExit) {
            finishProcess(S3Error(S3Error::Kind::Auth, u"\"%1\" crashed%2"_s.arg(process->program(), said)));
            return;
        }
        if (exitCode != 0) {
            finishProcess(S3Error(S3Error::Kind::Auth, u"\"%1\" exited with code %2%3"_s.arg(process->program()).arg(exitCode).arg(said)));
            return;
        }
        Result<Credentials> parsed = credentialprocess::parseOutput(m_stdout);
        if (parsed)
            parsed->source = name();
        finishProcess(parsed);
    });
    qCDebug(lcS3Auth).noquote() << name() << "runs" << words->first();
    m_timer.start(m_timeoutMs);
    process->start();
}

void CredentialProcessProvider::finishProcess(const Result<Credentials> &result)
{
    FetchDone done = std::move(m_done);
    m_done = nullptr;
    m_timer.stop();
    m_stdout.clear(); // held secrets
    if (QProcess *process = m_process.data()) {
        m_process = nullptr;
        process->disconnect(this);
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            // Reaped when it has gone; deleting a running QProcess would wait for it here.
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
        } else {
            process->deleteLater();
        }
    }
    if (!done)
        return;
    if (result) {
        done(result);
        return;
    }
    S3Error error = result.error();
    QString message = error.message();
    if (message.startsWith(u"credential_process: "_s))
        message = message.mid(20);
    error.setMessage(name() + u": "_s + message);
    done(error);
}

} // namespace s3
