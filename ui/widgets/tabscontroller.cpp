// SPDX-License-Identifier: Apache-2.0
#include "widgets/tabscontroller.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSettings>

#include "connection/session.h"
#include "models/objectlistmodel.h"
#include "s3core/net/s3client.h"
#include "s3core/ops/deletejobs.h"
#include "s3core/ops/foreachobjectjob.h"
#include "s3core/ops/servercopyjob.h"
#include "s3core/textescape.h"
#include "widgets/browsertabbar.h"
#include "widgets/crossconnectioncopy.h"
#include "widgets/tabdropplan.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
const QString SettingsKey = u"tabs/state"_s;
constexpr int MaxSavedHistory = 50; // Back/Forward steps kept per tab across runs
} // namespace

TabsController::TabsController(BrowserTabBar *bar, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_bar(bar)
    , m_settings(settings)
{
    connect(m_bar, &QTabBar::currentChanged, this, [this](int index) {
        if (!m_changing && index >= 0) {
            save();
            Q_EMIT currentTabChanged(index);
        }
    });
    connect(m_bar, &QTabBar::tabMoved, this, [this](int from, int to) {
        m_tabs.move(from, to);
        save();
    });
    connect(m_bar, &QTabBar::tabCloseRequested, this, [this](int index) { closeTab(index); });
    connect(m_bar, &BrowserTabBar::objectsDropped, this, &TabsController::dropObjects);
    createActions();
}

void TabsController::createActions()
{
    // Ctrl+T as in file managers and web browsers (the transfers dock moved to Ctrl+J, the browsers' Downloads).
    m_newTab = new QAction(tr("New &tab"), this);
    m_newTab->setObjectName(u"newTabAction"_s);
    m_newTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newTab, &QAction::triggered, this, [this] {
        TabState state = current(); // kept up to date by the window (setCurrentState())
        if (state.historyIndex >= 0) {
            state.history = {state.location()};
            state.historyIndex = 0;
        }
        openTab(state);
    });
    // The last tab stays: Close tab is off with one tab (as in Dolphin), so Ctrl+W never empties the window.
    m_closeTab = new QAction(tr("&Close tab"), this);
    m_closeTab->setObjectName(u"closeTabAction"_s);
    m_closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeTab, &QAction::triggered, this, [this] { closeTab(currentIndex()); });
    m_nextTab = new QAction(tr("Next tab"), this);
    m_nextTab->setObjectName(u"nextTabAction"_s);
    m_nextTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    connect(m_nextTab, &QAction::triggered, this, &TabsController::activateNext);
    m_previousTab = new QAction(tr("Previous tab"), this);
    m_previousTab->setObjectName(u"previousTabAction"_s);
    // Shift+Tab arrives as Backtab (with Shift): both spellings, so the keyboard's and a test's both match.
    m_previousTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    connect(m_previousTab, &QAction::triggered, this, &TabsController::activatePrevious);
    for (QAction *action : {m_newTab, m_closeTab, m_nextTab, m_previousTab})
        action->setShortcutContext(Qt::WindowShortcut);
    connect(this, &TabsController::countChanged, this, &TabsController::updateActions);
    updateActions();
}

void TabsController::updateActions()
{
    const bool several = count() > 1;
    m_closeTab->setEnabled(several);
    m_nextTab->setEnabled(several);
    m_previousTab->setEnabled(several);
}

int TabsController::currentIndex() const
{
    return m_bar->currentIndex();
}

void TabsController::restore()
{
    int current = 0;
    QList<TabState> tabs = m_settings ? fromJson(m_settings->value(SettingsKey).toByteArray(), &current) : QList<TabState>{};
    if (tabs.isEmpty())
        tabs.append(TabState{});
    m_changing = true;
    while (m_bar->count() > 0)
        m_bar->removeTab(0);
    m_tabs = tabs;
    for (int i = 0; i < m_tabs.size(); ++i) {
        m_bar->addTab(QString());
        updateTab(i);
    }
    m_bar->setCurrentIndex(qBound(0, current, int(m_tabs.size()) - 1));
    m_changing = false;
    Q_EMIT countChanged(count());
}

void TabsController::save() const
{
    if (!m_settings)
        return;
    m_settings->setValue(SettingsKey, toJson(m_tabs, currentIndex()));
}

void TabsController::setCurrentState(const TabState &state)
{
    const int index = currentIndex();
    if (index < 0 || m_tabs.at(index) == state)
        return;
    m_tabs[index] = state;
    updateTab(index);
    save();
}

int TabsController::openTab(const TabState &state)
{
    const int index = currentIndex() + 1;
    m_changing = true;
    m_tabs.insert(index, state);
    m_bar->insertTab(index, QString());
    updateTab(index);
    m_bar->setCurrentIndex(index);
    m_changing = false;
    save();
    Q_EMIT countChanged(count());
    Q_EMIT currentTabChanged(index);
    return index;
}

bool TabsController::closeTab(int index)
{
    if (count() <= 1 || index < 0 || index >= count())
        return false;
    const bool wasCurrent = index == currentIndex();
    m_changing = true;
    m_tabs.removeAt(index);
    m_bar->removeTab(index); // the bar picks the next current tab (QTabBar::SelectRightTab)
    m_changing = false;
    save();
    Q_EMIT countChanged(count());
    if (wasCurrent)
        Q_EMIT currentTabChanged(currentIndex());
    return true;
}

void TabsController::activate(int index)
{
    if (index >= 0 && index < count())
        m_bar->setCurrentIndex(index); // currentChanged -> currentTabChanged()
}

void TabsController::activateNext()
{
    if (count() > 1)
        activate((currentIndex() + 1) % count());
}

void TabsController::activatePrevious()
{
    if (count() > 1)
        activate((currentIndex() + count() - 1) % count());
}

void TabsController::updateTab(int index)
{
    const TabState &state = m_tabs.at(index);
    // Keys may hold newlines or control characters: a tab's label stays one line.
    m_bar->setTabText(index, s3::escapeControlCharacters(label(state)).replace(u'&', u"&&"_s));
    m_bar->setTabToolTip(index, s3::escapeControlCharacters(toolTip(state)));
}

QString TabsController::label(const TabState &state)
{
    const BrowserView::Location place = state.location();
    if (!place.prefix.isEmpty())
        return place.prefix.chopped(1).section(u'/', -1);
    if (!place.bucket.isEmpty())
        return place.bucket;
    if (!state.connectionName.isEmpty())
        return state.connectionName;
    return tr("New tab");
}

QString TabsController::toolTip(const TabState &state)
{
    const BrowserView::Location place = state.location();
    if (place.bucket.isEmpty())
        return state.connectionName.isEmpty() ? tr("Not connected") : state.connectionName;
    const QString location = u"s3://%1/%2"_s.arg(place.bucket, place.prefix);
    return state.connectionName.isEmpty() ? location : tr("%1: %2").arg(state.connectionName, location);
}

QByteArray TabsController::toJson(const QList<TabState> &tabs, int current)
{
    QJsonArray list;
    for (const TabState &tab : tabs) {
        // The end of a long history is what Back reaches first: that part is kept.
        const int first = qMax(0, int(tab.history.size()) - MaxSavedHistory);
        QJsonArray history;
        for (int i = first; i < tab.history.size(); ++i)
            history.append(QJsonArray{tab.history.at(i).bucket, tab.history.at(i).prefix});
        list.append(QJsonObject{{u"connection"_s, tab.connection},
                                {u"name"_s, tab.connectionName},
                                {u"history"_s, history},
                                {u"index"_s, tab.historyIndex - first}});
    }
    return QJsonDocument(QJsonObject{{u"current"_s, current}, {u"tabs"_s, list}}).toJson(QJsonDocument::Compact);
}

QList<TabState> TabsController::fromJson(const QByteArray &json, int *current)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QList<TabState> tabs;
    for (const QJsonValue &value : root.value(u"tabs"_s).toArray()) {
        const QJsonObject object = value.toObject();
        TabState tab;
        tab.connection = object.value(u"connection"_s).toString();
        tab.connectionName = object.value(u"name"_s).toString();
        for (const QJsonValue &place : object.value(u"history"_s).toArray()) {
            const QJsonArray pair = place.toArray();
            const QString bucket = pair.at(0).toString();
            const QString prefix = pair.at(1).toString();
            if (pair.size() != 2 || (!prefix.isEmpty() && !prefix.endsWith(u'/')))
                continue; // not something this version wrote: left out rather than listed wrongly
            tab.history.append({bucket, prefix});
        }
        tab.historyIndex = tab.history.isEmpty() ? -1 : qBound(0, object.value(u"index"_s).toInt(), int(tab.history.size()) - 1);
        tabs.append(tab);
    }
    if (current)
        *current = tabs.isEmpty() ? 0 : qBound(0, root.value(u"current"_s).toInt(), int(tabs.size()) - 1);
    return tabs;
}

void TabsController::dropObjects(int index, const QByteArray &objects, const QString &sourceConnection, bool move)
{
    if (index < 0 || index >= count())
        return;
    const TabState target = m_tabs.at(index);
    const ObjectListModel::DraggedObjects dragged = ObjectListModel::decodeObjects(objects);
    const BrowserView::Location to = target.location();
    if (sourceConnection.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot drop onto the tab %1: the objects come from no open connection.").arg(label(target)));
        return;
    }
    const bool sameConnection = sourceConnection == target.connection;
    if (const QString problem = tabDropProblem(dragged.bucket, dragged.keys, to.bucket, to.prefix, sameConnection); !problem.isEmpty()) {
        Q_EMIT errorOccurred(tr("Cannot drop onto the tab %1: %2").arg(label(target), problem));
        return;
    }
    Session *session = m_sessionFor ? m_sessionFor(sourceConnection) : nullptr;
    Session *targetSession = m_sessionFor ? m_sessionFor(target.connection) : nullptr;
    if (!session || !targetSession) {
        Q_EMIT errorOccurred(tr("Cannot drop onto the tab %1: its connection is not open (show the tab once to connect it).")
                                 .arg(label(target)));
        return;
    }
    if (!sameConnection) {
        copyAcrossConnections(session, targetSession, dragged.bucket, dragged.keys, to.bucket, to.prefix, move);
        return;
    }
    QStringList files;
    QStringList folders;
    for (const QString &key : dragged.keys)
        (key.endsWith(u'/') ? folders : files).append(key);
    const QString destination = u"s3://%1/%2"_s.arg(to.bucket, to.prefix);
    const QString what = move ? tr("Moving %n item(s) to %1", nullptr, int(dragged.keys.size())).arg(destination)
                              : tr("Copying %n item(s) to %1", nullptr, int(dragged.keys.size())).arg(destination);
    s3::S3Client *client = session->client();
    // Server-side, object by object (folders listed page by page): ServerCopyJob keeps metadata, tags and
    // encryption and copies objects above 5 GiB in parts; MoveObjectJob deletes the source once its copy exists.
    auto factory = [client, dragged, to, move](const QString &key, QObject *parent) -> s3::Job * {
        const QString targetKey = tabDropTarget(dragged.keys, to.prefix, key);
        if (move)
            return new s3::MoveObjectJob(client, dragged.bucket, key, to.bucket, targetKey, parent);
        return new s3::ServerCopyJob(client, dragged.bucket, key, to.bucket, targetKey, parent);
    };
    // A child of the session: the job ends with its connection (whose client it uses), never after it.
    auto *job = new s3::ForEachObjectJob(client, dragged.bucket, files, folders, factory,
                                         move ? u"were not moved"_s : u"were not copied"_s, session);
    job->setMaxInFlight(4);
    Q_EMIT statusMessage(what + u"…"_s);
    connect(job, &s3::Job::finished, this, [this, job, what, move, connection = sourceConnection, dragged, to] {
        if (job->hasError())
            Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, job->error().toString()));
        else
            Q_EMIT statusMessage(move ? tr("%n object(s) moved", nullptr, int(job->doneCount()))
                                      : tr("%n object(s) copied", nullptr, int(job->doneCount())));
        Q_EMIT objectsChanged(connection, to.bucket);
        if (move && dragged.bucket != to.bucket)
            Q_EMIT objectsChanged(connection, dragged.bucket);
    });
    job->start();
}

void TabsController::copyAcrossConnections(Session *source, Session *target, const QString &sourceBucket,
                                           const QStringList &keys, const QString &targetBucket, const QString &targetPrefix,
                                           bool move)
{
    const QString destination = u"s3://%1/%2"_s.arg(targetBucket, targetPrefix);
    const QString what = move ? tr("Moving %n item(s) to %1 (%2)", nullptr, int(keys.size())).arg(destination, target->displayName())
                              : tr("Copying %n item(s) to %1 (%2)", nullptr, int(keys.size())).arg(destination, target->displayName());
    auto *copy = new CrossConnectionCopy(source, target, sourceBucket, keys, targetBucket, targetPrefix, move, this);
    Q_EMIT statusMessage(what + tr(": downloaded here, then uploaded there (see Transfers)…"));
    connect(copy, &CrossConnectionCopy::finished, this,
            [this, copy, what, move, sourceId = source->id(), targetId = target->id(), sourceBucket, targetBucket] {
                copy->deleteLater();
                const QStringList failures = copy->failures();
                const QStringList skipped = copy->skippedKeys();
                // Existing objects of the other connection are not replaced: there is no undo across servers.
                const QString left = skipped.isEmpty()
                                         ? QString()
                                         : tr("%n object(s) left alone: they exist already at the target (first: %1).", nullptr,
                                              int(skipped.size()))
                                               .arg(tabDropTarget(copy->draggedKeys(), copy->targetPrefix(), skipped.first()));
                if (!failures.isEmpty())
                    Q_EMIT errorOccurred(tr("%1: %n item(s) did not arrive; first: %2", nullptr, int(failures.size()))
                                             .arg(what, failures.first())
                                         + (left.isEmpty() ? QString() : u" "_s + left));
                else if (!skipped.isEmpty())
                    Q_EMIT errorOccurred((move ? tr("%n object(s) moved.", nullptr, copy->doneCount())
                                               : tr("%n object(s) copied.", nullptr, copy->doneCount()))
                                         + u" "_s + left);
                else
                    Q_EMIT statusMessage(move ? tr("%n object(s) moved", nullptr, copy->doneCount())
                                              : tr("%n object(s) copied", nullptr, copy->doneCount()));
                Q_EMIT objectsChanged(targetId, targetBucket);
                if (move)
                    Q_EMIT objectsChanged(sourceId, sourceBucket);
            });
    copy->start();
}

void TabsController::cancelDrops()
{
    // Before the sessions go: each copy cancels and removes its unfinished transfers (see CrossConnectionCopy).
    qDeleteAll(findChildren<CrossConnectionCopy *>(Qt::FindDirectChildrenOnly));
}

} // namespace s3ui
