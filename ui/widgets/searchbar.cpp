// SPDX-License-Identifier: Apache-2.0
#include "widgets/searchbar.h"

#include <QAction>
#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include "s3core/transfer/localpaths.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_scope(new QLabel(this))
    , m_optionsButton(new QToolButton(this))
    , m_button(new QPushButton(this))
    , m_close(new QToolButton(this))
    , m_options(new QWidget(this))
    , m_minSize(new QLineEdit(m_options))
    , m_maxSize(new QLineEdit(m_options))
    , m_fromCheck(new QCheckBox(tr("Modified from"), m_options))
    , m_from(new QDateEdit(m_options))
    , m_toCheck(new QCheckBox(tr("to"), m_options))
    , m_to(new QDateEdit(m_options))
    , m_problem(new QLabel(this))
{
    setObjectName(u"searchBar"_s);
    m_text->setObjectName(u"searchText"_s);
    m_text->setPlaceholderText(tr("Name, or a pattern such as *.csv"));
    m_text->setAccessibleName(tr("Find by name"));
    m_text->setToolTip(tr("Part of the name (any case), or a pattern with * ? [..] that matches the whole name; "
                          "with a / it matches the path below this folder. Enter searches every folder below."));
    m_text->setClearButtonEnabled(true);
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_optionsButton->setText(tr("Options"));
    m_optionsButton->setCheckable(true);
    m_optionsButton->setToolTip(tr("Size and date filters"));
    m_button->setObjectName(u"searchButton"_s);
    m_button->setText(tr("Find"));
    m_button->setAutoDefault(false);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close the search and show the folder again (Esc)"));
    m_close->setAccessibleName(tr("Close search"));

    m_minSize->setObjectName(u"searchMinSize"_s);
    m_maxSize->setObjectName(u"searchMaxSize"_s);
    for (QLineEdit *size : {m_minSize, m_maxSize}) {
        size->setPlaceholderText(tr("e.g. 10M"));
        size->setMaximumWidth(90);
        size->setClearButtonEnabled(true);
    }
    m_minSize->setAccessibleName(tr("Smallest size"));
    m_maxSize->setAccessibleName(tr("Largest size"));
    const QDate today = QDate::currentDate();
    for (QDateEdit *date : {m_from, m_to}) {
        date->setCalendarPopup(true);
        date->setDate(today);
        date->setEnabled(false);
    }
    m_from->setDate(today.addDays(-7));
    connect(m_fromCheck, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    auto *options = new QHBoxLayout(m_options);
    options->setContentsMargins(0, 0, 0, 0);
    options->addWidget(new QLabel(tr("Size from"), m_options));
    options->addWidget(m_minSize);
    options->addWidget(new QLabel(tr("to"), m_options));
    options->addWidget(m_maxSize);
    options->addSpacing(12);
    options->addWidget(m_fromCheck);
    options->addWidget(m_from);
    options->addWidget(m_toCheck);
    options->addWidget(m_to);
    options->addStretch(1);
    m_options->hide();
    connect(m_optionsButton, &QToolButton::toggled, m_options, &QWidget::setVisible);

    m_problem->setObjectName(u"searchProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_text, 2);
    row->addWidget(m_scope, 1);
    row->addWidget(m_optionsButton);
    row->addWidget(m_button);
    row->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_options);
    layout->addWidget(m_problem);

    for (QLineEdit *field : {m_text, m_minSize, m_maxSize}) {
        connect(field, &QLineEdit::returnPressed, this, &SearchBar::submit);
        field->installEventFilter(this);
    }
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_running)
            Q_EMIT stopRequested();
        else
            submit();
    });
    connect(m_close, &QToolButton::clicked, this, &SearchBar::closeRequested);
    auto *escape = new QAction(tr("Stop or close the search"), this);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QAction::triggered, this, &SearchBar::escape);
    addAction(escape);
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in a field searches: it must not reach the browser's Open shortcut (Enter on the selected row), which a
    // line edit lets through because it does not claim Enter for itself.
    if (event->type() == QEvent::ShortcutOverride) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchBar::setScope(const QString &location)
{
    m_scope->setText(tr("in %1").arg(location));
    m_scope->setToolTip(location);
}

void SearchBar::setRunning(bool running)
{
    m_running = running;
    m_button->setText(running ? tr("Stop") : tr("Find"));
}

void SearchBar::activate()
{
    show();
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void SearchBar::escape()
{
    if (m_running)
        Q_EMIT stopRequested();
    else
        Q_EMIT closeRequested();
}

s3::Result<s3::SearchCriteria> SearchBar::makeCriteria(const QString &name, const QString &minSize, const QString &maxSize,
                                                       const QDate &from, const QDate &to)
{
    s3::SearchCriteria criteria;
    criteria.name = name;
    const auto size = [](const QString &text, qint64 *bytes) {
        if (text.trimmed().isEmpty())
            return true;
        *bytes = s3::parseByteSize(text.trimmed());
        return *bytes >= 0;
    };
    if (!size(minSize, &criteria.minSize))
        return s3::S3Error::invalid(tr("\"%1\" is not a size (e.g. 1500, 64K, 10M, 1G).").arg(minSize));
    if (!size(maxSize, &criteria.maxSize))
        return s3::S3Error::invalid(tr("\"%1\" is not a size (e.g. 1500, 64K, 10M, 1G).").arg(maxSize));
    if (from.isValid())
        criteria.modifiedFrom = QDateTime(from, QTime(0, 0)).toUTC(); // the user's days, not UTC's
    if (to.isValid())
        criteria.modifiedBefore = QDateTime(to.addDays(1), QTime(0, 0)).toUTC();
    if (criteria.minSize >= 0 && criteria.maxSize >= 0 && criteria.minSize > criteria.maxSize)
        return s3::S3Error::invalid(tr("The smallest size is above the largest."));
    if (criteria.modifiedFrom.isValid() && criteria.modifiedBefore.isValid() && criteria.modifiedFrom >= criteria.modifiedBefore)
        return s3::S3Error::invalid(tr("The first day is after the last."));
    return criteria;
}

s3::Result<s3::SearchCriteria> SearchBar::criteria() const
{
    return makeCriteria(m_text->text(), m_minSize->text(), m_maxSize->text(), m_fromCheck->isChecked() ? m_from->date() : QDate(),
                        m_toCheck->isChecked() ? m_to->date() : QDate());
}

void SearchBar::submit()
{
    const s3::Result<s3::SearchCriteria> wanted = criteria();
    m_problem->setVisible(!wanted);
    if (!wanted) {
        m_problem->setText(wanted.error().message());
        return;
    }
    Q_EMIT searchRequested(wanted.value());
}

} // namespace s3ui
