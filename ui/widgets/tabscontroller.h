// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

#include <QList>
#include <QObject>
#include <QString>

#include "browser/browserview.h"

class QAction;
class QSettings;

namespace s3ui {

class BrowserTabBar;
class Session;

/** What a tab shows: its connection, and its Back/Forward history with the place on screen. */
struct TabState
{
    QString connection;     ///< Session::id() ("" : none)
    QString connectionName; ///< for the tab's tooltip while the connection is not open
    QList<BrowserView::Location> history;
    int historyIndex = -1;

    BrowserView::Location location() const
    {
        return historyIndex >= 0 && historyIndex < history.size() ? history.at(historyIndex) : BrowserView::Location{};
    }
    friend bool operator==(const TabState &, const TabState &) = default;
};

/**
 * The tabs of the main window: one TabState per tab of the bar (one BrowserView shows the current one; the
 * others are kept as states, so a hidden tab costs no listing and no memory of rows), their labels, their
 * persistence in the settings ("tabs/state", next to the window's other state; no secrets), and the drops of
 * objects onto another tab (server-side copies or moves in the source connection). The window shows the tab
 * that currentTabChanged() names and reports the current tab's state with setCurrentState().
 */
class TabsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabsController)
public:
    TabsController(BrowserTabBar *bar, QSettings *settings, QObject *parent = nullptr);

    /** The open session of a connection (null: not open). Set by the window; drops need it. */
    void setSessionLookup(std::function<Session *(const QString &)> lookup) { m_sessionFor = std::move(lookup); }

    /**
     * New tab (Ctrl+T: the current tab's place, a history of its own that starts there, as Dolphin's), Close tab
     * (Ctrl+W; off with one tab), Next tab (Ctrl+Tab, Ctrl+PgDown) and Previous tab (Ctrl+Shift+Tab, Ctrl+PgUp).
     * Window-wide shortcuts once the window adds them (QWidget::addAction()).
     */
    QAction *newTabAction() const { return m_newTab; }
    QAction *closeTabAction() const { return m_closeTab; }
    QAction *nextTabAction() const { return m_nextTab; }
    QAction *previousTabAction() const { return m_previousTab; }

    int count() const { return int(m_tabs.size()); }
    int currentIndex() const;
    TabState tab(int index) const { return m_tabs.value(index); }
    TabState current() const { return tab(currentIndex()); }
    BrowserTabBar *bar() const { return m_bar; }

    /** The tabs of the last run (one empty tab when none were saved), the saved one current. No signal. */
    void restore();
    void save() const;
    /** The tab on screen navigated or changed its connection: kept, its label updated, saved. */
    void setCurrentState(const TabState &state);
    /** A new tab after the current one, made current (currentTabChanged()). Returns its index. */
    int openTab(const TabState &state);
    /** Closes a tab; the last one stays (as Dolphin: Close Tab is off with one tab). False when nothing closed. */
    bool closeTab(int index);
    void activate(int index);
    /** Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round. */
    void activateNext();
    void activatePrevious();
    /**
     * Objects dropped onto tab `index` (from the connection `sourceConnection`): copied there, or moved, on the
     * server. Between two connections (CrossConnectionCopy) through the transfer queues: downloaded by the
     * source's, uploaded by the target's (both must be open).
     */
    void dropObjects(int index, const QByteArray &objects, const QString &sourceConnection, bool move);
    /** The window closes: copies between connections stop and take their unfinished transfers out of the queues. */
    void cancelDrops();

    /** The tab's label (the folder, else the bucket, else the connection) and its tooltip (the whole location). */
    static QString label(const TabState &state);
    static QString toolTip(const TabState &state);
    /** The settings' form of the tabs (JSON, for "tabs/state") and back; damaged input gives no tabs. */
    static QByteArray toJson(const QList<TabState> &tabs, int current);
    static QList<TabState> fromJson(const QByteArray &json, int *current);

Q_SIGNALS:
    /** Another tab is current (switched, opened, closed): the window shows its state. */
    void currentTabChanged(int index);
    void countChanged(int count);
    void statusMessage(const QString &message);
    void errorOccurred(const QString &message);
    /** A drop's copies or moves ended: `bucket` of `connection` changed (the view may refresh). */
    void objectsChanged(const QString &connection, const QString &bucket);

private:
    void createActions();
    void updateActions();
    void updateTab(int index);
    void copyAcrossConnections(Session *source, Session *target, const QString &sourceBucket, const QStringList &keys,
                               const QString &targetBucket, const QString &targetPrefix, bool move);

    BrowserTabBar *m_bar;
    QSettings *m_settings;
    QList<TabState> m_tabs; // in the bar's order
    std::function<Session *(const QString &)> m_sessionFor;
    QAction *m_newTab = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_nextTab = nullptr;
    QAction *m_previousTab = nullptr;
    bool m_changing = false; // the bar is being filled or emptied by this controller: no currentTabChanged()
};

} // namespace s3ui
