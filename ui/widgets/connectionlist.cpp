// SPDX-License-Identifier: Apache-2.0
#include "widgets/connectionlist.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "connection/connectiontester.h"
#include "connection/secretstore.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/secretpromptdialog.h"
#include "models/connectionlistmodel.h"
#include "util/icons.h"

namespace s3ui {

ConnectionList::ConnectionList(ConnectionStore *store, SecretStore *keychain, MemorySecretStore *sessionSecrets,
                               QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_sessionSecrets(sessionSecrets)
    , m_model(new ConnectionListModel(store, this))
    , m_tester(new ConnectionTester(this))
{
    const auto makeAction = [this](const QString &text, const QKeySequence &shortcut, const QString &tip,
                                   Qt::ShortcutContext context) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(context);
        action->setToolTip(shortcut.isEmpty() ? tip
                                              : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };
    // New and Connect work wherever the focus is in the window (the menu advertises them); Edit and Delete only
    // while the list has focus, because Del deletes objects in the browser. Ctrl+J shows the transfers.
    m_newAction = makeAction(tr("&New connection…"), QKeySequence::New, tr("Add a connection"),
                             Qt::WindowShortcut);
    m_newAction->setIcon(appIcon(QStringLiteral("connection")));
    m_editAction = makeAction(tr("&Edit…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                              tr("Edit the selected connection"), Qt::WidgetWithChildrenShortcut);
    m_deleteAction = makeAction(tr("&Delete"), QKeySequence::Delete,
                                tr("Delete the selected connection"), Qt::WidgetWithChildrenShortcut);
    m_testAction = makeAction(tr("&Test"), QKeySequence(), tr("Test the selected connection"),
                              Qt::WidgetWithChildrenShortcut);
    m_connectAction = makeAction(tr("&Connect"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                                 tr("Connect to the selected connection"), Qt::WindowShortcut);
    m_connectAction->setIcon(appIcon(QStringLiteral("s3desk")));
    m_newAction->setIconText(tr("New…")); // the toolbar is narrow; the menu says what is new

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_toolBar = new QToolBar(tr("Connections"), this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_editAction);
    m_toolBar->addAction(m_deleteAction);
    m_toolBar->addAction(m_testAction);
    layout->addWidget(m_toolBar);

    // First start: what to do, instead of two empty group headers.
    m_emptyHint = new QWidget(this);
    m_emptyHint->setObjectName(QStringLiteral("connectionsEmptyHint"));
    auto *hintLayout = new QVBoxLayout(m_emptyHint);
    auto *hintText = new QLabel(tr("No connections yet.\n\nAdd one for Amazon S3 or any S3-compatible "
                                               "server (Ceph, MinIO, …). Your AWS profiles (~/.aws/config and "
                                               "~/.aws/credentials) appear here too."),
                                m_emptyHint);
    hintText->setWordWrap(true);
    hintText->setObjectName(QStringLiteral("connectionsEmptyText"));
    auto *addButton = new QPushButton(tr("&Add a connection…"), m_emptyHint);
    addButton->setObjectName(QStringLiteral("addConnectionButton"));
    connect(addButton, &QPushButton::clicked, m_newAction, &QAction::trigger);
    hintLayout->addWidget(hintText);
    hintLayout->addWidget(addButton, 0, Qt::AlignLeft);
    hintLayout->addStretch();
    layout->addWidget(m_emptyHint, 1);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("connectionView"));
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setExpandsOnDoubleClick(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Connections"));
    m_view->expandAll();
    layout->addWidget(m_view, 1);

    // Connect in plain sight (a toolbar in a narrow pane hides its last actions behind a chevron).
    m_connectButton = new QPushButton(appIcon(QStringLiteral("s3desk")), tr("Connect"), this);
    m_connectButton->setObjectName(QStringLiteral("connectButton"));
    m_connectButton->setToolTip(m_connectAction->toolTip());
    connect(m_connectButton, &QPushButton::clicked, m_connectAction, &QAction::trigger);
    layout->addWidget(m_connectButton);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("connectionStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setVisible(false);
    layout->addWidget(m_statusLabel);
    setFocusProxy(m_view);

    connect(m_newAction, &QAction::triggered, this, &ConnectionList::newConnection);
    connect(m_editAction, &QAction::triggered, this, &ConnectionList::editConnection);
    connect(m_deleteAction, &QAction::triggered, this, &ConnectionList::deleteConnection);
    connect(m_testAction, &QAction::triggered, this, &ConnectionList::testConnection);
    connect(m_connectAction, &QAction::triggered, this, &ConnectionList::connectCurrent);
    connect(m_view, &QTreeView::activated, this, &ConnectionList::handleActivated);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &ConnectionList::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ConnectionList::updateActions);
    connect(m_tester, &ConnectionTester::finished, this, [this](bool ok, const QString &message, const s3::S3Error &) {
        m_testAction->setEnabled(true);
        setStatus(message);
        Q_EMIT testFinished(ok, message);
    });
    // A reset (store changed) loses the current row: keep it by id.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const auto current = currentProfile();
        m_currentBeforeReset = current ? current->id : QString();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandAll();
        if (!setCurrentProfile(m_currentBeforeReset))
            updateActions();
        updateEmptyState();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &group) {
        m_view->expand(group.isValid() ? group : m_model->groupIndex(ConnectionListModel::CommandLineGroup));
        updateEmptyState();
    });

    // Start on the first profile so that the keyboard user lands on something useful.
    const QModelIndex saved = m_model->groupIndex(ConnectionListModel::SavedGroup);
    const QModelIndex aws = m_model->groupIndex(ConnectionListModel::AwsGroup);
    if (m_model->rowCount(saved) > 0)
        m_view->setCurrentIndex(m_model->index(0, 0, saved));
    else if (m_model->rowCount(aws) > 0)
        m_view->setCurrentIndex(m_model->index(0, 0, aws));
    updateActions();
    updateEmptyState();
}

void ConnectionList::updateEmptyState()
{
    const bool empty = m_model->hasNoProfiles() && m_model->rowCount() < 3;
    m_emptyHint->setVisible(empty);
    m_view->setVisible(!empty);
    m_connectButton->setVisible(!empty);
}

void ConnectionList::setActiveConnection(const QString &id)
{
    m_model->setActiveId(id);
    // The open connection is also the selected one, so Edit, Test and Connect apply to what is on screen.
    const QModelIndex index = id.isEmpty() ? QModelIndex() : m_model->indexForId(id);
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        updateActions();
    }
}

void ConnectionList::addCommandLineConnection(const QString &id, const QString &name)
{
    m_model->addCommandLineConnection(id, name);
}

ConnectionList::~ConnectionList() = default;

std::optional<ConnectionProfile> ConnectionList::currentProfile() const
{
    return m_model->profileAt(m_view->currentIndex());
}

bool ConnectionList::setCurrentProfile(const QString &id)
{
    const QModelIndex index = id.isEmpty() ? QModelIndex() : m_model->indexForId(id);
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    updateActions();
    return true;
}

QString ConnectionList::statusText() const
{
    return m_statusLabel->text();
}

void ConnectionList::setStatus(const QString &text)
{
    m_statusLabel->setText(text);
    m_statusLabel->setVisible(!text.isEmpty());
}

void ConnectionList::updateActions()
{
    const auto profile = currentProfile();
    const bool editable = profile && !profile->isReadOnly();
    m_editAction->setEnabled(editable);
    m_deleteAction->setEnabled(editable);
    m_testAction->setEnabled(profile.has_value() && !m_tester->isRunning());
    const bool connectable = profile.has_value() || !m_model->commandLineIdAt(m_view->currentIndex()).isEmpty();
    m_connectAction->setEnabled(connectable);
    m_connectButton->setEnabled(connectable);
}

void ConnectionList::showDialog(ConnectionDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool isNew = dialog->isNewConnection();
    connect(dialog, &ConnectionDialog::profileSaved, this, [this, isNew](const ConnectionProfile &saved) {
        setCurrentProfile(saved.id);
        setStatus({});
        m_view->setFocus();
        // A new connection is what the user wants to use now: Save connects (its secret is in this run's store).
        if (isNew)
            Q_EMIT connectRequested(saved);
        else
            Q_EMIT profileEdited(saved);
    });
    dialog->setMfaPrompter(m_mfaPrompter);
    m_dialog = dialog;
    dialog->open();
}

void ConnectionList::newConnection()
{
    if (!m_store)
        return;
    showDialog(new ConnectionDialog(m_store, m_keychain, m_sessionSecrets, this));
}

void ConnectionList::editConnection()
{
    const auto profile = currentProfile();
    if (!m_store || !profile || profile->isReadOnly())
        return;
    auto *dialog = new ConnectionDialog(m_store, m_keychain, m_sessionSecrets, this);
    dialog->setProfile(*profile);
    showDialog(dialog);
}

void ConnectionList::deleteConnection()
{
    const auto profile = currentProfile();
    if (!m_store || !profile || profile->isReadOnly())
        return;
    if (m_confirmation)
        m_confirmation->close();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete connection"),
                                tr("Delete the connection \"%1\"?").arg(profile->name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setInformativeText(tr("Its secret key is removed from the system keychain too. Objects on the "
                                           "server are not touched."));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = profile->id;
    connect(box, &QMessageBox::finished, this, [this, box, id](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || !m_store)
            return;
        m_store->remove(id);
        if (m_sessionSecrets)
            m_sessionSecrets->removeSecret(id);
        if (m_keychain) {
            m_keychain->deleteSecret(id, this, [this](const s3::Result<s3::Ok> &deleted) {
                if (!deleted)
                    setStatus(deleted.error().message());
            });
        }
        m_view->setFocus();
    });
    m_confirmation = box;
    box->open();
}

void ConnectionList::testConnection()
{
    const auto profile = currentProfile();
    if (!profile || !m_store)
        return;
    m_testAction->setEnabled(false);
    setStatus(tr("Testing %1…").arg(profile->name));
    const ConnectionProfile p = *profile;
    obtainConnectionSecret(p, m_keychain, m_sessionSecrets, this, [this, p](std::optional<QString> secret) {
        if (!secret) {
            m_testAction->setEnabled(true);
            setStatus(tr("Test cancelled: no secret key entered."));
            return;
        }
        m_tester->start(sessionConfigFor(p, *secret, QString(),
                                         m_store ? m_store->environment() : QProcessEnvironment::systemEnvironment(),
                                         m_mfaPrompter));
    });
}

void ConnectionList::connectCurrent()
{
    if (const auto profile = currentProfile())
        Q_EMIT connectRequested(*profile);
    else if (const QString id = m_model->commandLineIdAt(m_view->currentIndex()); !id.isEmpty())
        Q_EMIT sessionRequested(id);
}

void ConnectionList::handleActivated(const QModelIndex &index)
{
    if (const auto profile = m_model->profileAt(index)) {
        Q_EMIT connectRequested(*profile);
        return;
    }
    if (const QString id = m_model->commandLineIdAt(index); !id.isEmpty()) {
        Q_EMIT sessionRequested(id);
        return;
    }
    // A group row: Enter / double-click folds it.
    if (index.isValid())
        m_view->setExpanded(index, !m_view->isExpanded(index));
}

void ConnectionList::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_connectAction);
    menu->addAction(m_testAction);
    menu->addSeparator();
    menu->addAction(m_newAction);
    menu->addAction(m_editAction);
    menu->addAction(m_deleteAction);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace s3ui
