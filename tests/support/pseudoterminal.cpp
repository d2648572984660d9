// SPDX-License-Identifier: Apache-2.0
#include "pseudoterminal.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "livetest.h"

PseudoTerminal::PseudoTerminal()
{
    if (::openpty(&m_master, &m_slave, nullptr, nullptr, nullptr) != 0) {
        m_master = m_slave = -1;
        return;
    }
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
}

PseudoTerminal::~PseudoTerminal()
{
    if (m_master >= 0)
        ::close(m_master);
    if (m_slave >= 0)
        ::close(m_slave);
}

void PseudoTerminal::attach(QProcess &process) const
{
    const int slave = m_slave;
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([slave] {
        ::setsid();
        ::ioctl(slave, TIOCSCTTY, 0);
        ::close(slave); // /dev/tty now opens the terminal; the child needs no descriptor of its own
    });
}

QByteArray PseudoTerminal::readAvailable()
{
    QByteArray all;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(m_master, buffer, sizeof buffer);
        if (got <= 0)
            break; // EAGAIN: nothing more now; EIO: no process has the terminal open
        all.append(buffer, got);
    }
    return all;
}

bool PseudoTerminal::type(const QByteArray &bytes)
{
    return ::write(m_master, bytes.constData(), size_t(bytes.size())) == bytes.size();
}

TerminalOutcome runWithTerminal(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                                const QList<TerminalExchange> &exchanges, int timeoutMs)
{
    TerminalOutcome outcome;
    PseudoTerminal terminal;
    if (!terminal.isOpen()) {
        outcome.process.err = "openpty failed: " + QByteArray(::strerror(errno));
        return outcome;
    }
    qsizetype next = 0;
    qsizetype seenUpTo = 0; // each prompt is looked for after the previous one
    ProcessHooks hooks;
    hooks.beforeStart = [&terminal](QProcess &process) { terminal.attach(process); };
    hooks.whileRunning = [&] {
        outcome.terminal += terminal.readAvailable();
        if (next < exchanges.size()) {
            const qsizetype at = outcome.terminal.indexOf(exchanges.at(next).prompt, seenUpTo);
            if (at >= 0) {
                seenUpTo = at + exchanges.at(next).prompt.size();
                terminal.type(exchanges.at(next).answer);
                ++next;
            }
        }
    };
    outcome.process = runProgram(program, arguments, environment, timeoutMs, hooks);
    outcome.terminal += terminal.readAvailable();
    outcome.allPromptsSeen = next == exchanges.size();
    return outcome;
}
