// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QWidget>

#include "s3core/result.h"
#include "s3core/search/searchcriteria.h"

class QAction;
class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace s3ui {

/**
 * The Find bar above the object table (Ctrl+F): a name field (substring, or a glob with * ? [..]), an Options
 * row (size from/to, modified from/to) and one button that reads Find, or Stop while a search runs. Enter
 * starts, Esc stops a running search and otherwise closes the bar. It only collects the criteria and says what
 * the user asked for: BrowserView runs the search.
 */
class SearchBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchBar)
public:
    explicit SearchBar(QWidget *parent = nullptr);

    /** "in s3://bucket/prefix/" beside the field: where the search walks. */
    void setScope(const QString &location);
    /** The button says Stop (and Esc stops) while true. */
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    /** Shows the bar and puts the cursor in the name field, its text selected. */
    void activate();
    /** What Esc does: stop a running search, else close the bar. */
    void escape();

    /** The criteria the fields describe, or why they cannot be searched (shown in the bar too). */
    s3::Result<s3::SearchCriteria> criteria() const;
    /**
     * The criteria of the fields' texts, pure: sizes as "1500", "64K", "10M" (empty: no bound); dates are local
     * days, both included (`to` becomes the next day's midnight, exclusive); an invalid date: no bound.
     */
    static s3::Result<s3::SearchCriteria> makeCriteria(const QString &name, const QString &minSize, const QString &maxSize,
                                                       const QDate &from, const QDate &to);

    QLineEdit *textField() const { return m_text; }
    QLineEdit *minSizeField() const { return m_minSize; }
    QLineEdit *maxSizeField() const { return m_maxSize; }
    QCheckBox *fromCheck() const { return m_fromCheck; }
    QDateEdit *fromDate() const { return m_from; }
    QCheckBox *toCheck() const { return m_toCheck; }
    QDateEdit *toDate() const { return m_to; }
    QToolButton *optionsButton() const { return m_optionsButton; }
    QPushButton *findButton() const { return m_button; }
    QLabel *problemLabel() const { return m_problem; }

Q_SIGNALS:
    void searchRequested(const s3::SearchCriteria &criteria);
    void stopRequested();
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();

    QLineEdit *m_text;
    QLabel *m_scope;
    QToolButton *m_optionsButton;
    QPushButton *m_button;
    QToolButton *m_close;
    QWidget *m_options;
    QLineEdit *m_minSize;
    QLineEdit *m_maxSize;
    QCheckBox *m_fromCheck;
    QDateEdit *m_from;
    QCheckBox *m_toCheck;
    QDateEdit *m_to;
    QLabel *m_problem;
    bool m_running = false;
};

} // namespace s3ui
