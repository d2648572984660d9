// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include "cliprocess.h"

/**
 * A pseudo-terminal that a child process gets as its controlling terminal (its /dev/tty), while its standard
 * input, output and error stay QProcess pipes: what a program writes to /dev/tty (prompts) and what a user types
 * there are seen apart from its output. The terminal echoes what is typed, as a real one does.
 */
class PseudoTerminal
{
    Q_DISABLE_COPY_MOVE(PseudoTerminal)
public:
    PseudoTerminal();
    ~PseudoTerminal();

    bool isOpen() const { return m_master >= 0; }
    /** Makes the terminal the controlling terminal of the process started next (a new session). */
    void attach(QProcess &process) const;
    /** Reads what the process wrote to the terminal so far (and the echo of what was typed). */
    QByteArray readAvailable();
    /** Types these bytes on the terminal. */
    bool type(const QByteArray &bytes);

private:
    int m_master = -1;
    int m_slave = -1;
};

/** One exchange on the terminal: wait until its output contains `prompt`, then type `answer`. */
struct TerminalExchange
{
    QByteArray prompt;
    QByteArray answer;
};

/** A program's run with a terminal: its outcome, and everything that appeared on the terminal. */
struct TerminalOutcome
{
    ProcessOutcome process;
    QByteArray terminal;
    bool allPromptsSeen = false;
};

/**
 * Runs the program to its end (at most timeoutMs) with a pseudo-terminal as its controlling terminal, answering the
 * prompts in order; standard input is closed. The event loop keeps running (in-process fake servers answer).
 */
TerminalOutcome runWithTerminal(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                                const QList<TerminalExchange> &exchanges, int timeoutMs = 60000);
