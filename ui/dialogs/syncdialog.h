// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

#include "s3core/transfer/syncplan.h"

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace s3ui {

/** What the user asked the sync to do (the dialog's fields). */
struct SyncRequest
{
    QString localFolder;
    s3::SyncDirection direction = s3::SyncDirection::LocalToS3;
    bool compareChecksum = false; ///< MD5 where the ETag is one; else size and time
    bool deleteExtra = false;
    QStringList excludes;         ///< globs ("*.tmp", ".git/*")
};

/**
 * Synchronize… between a local folder and a prefix (the widget; SyncController acts): the folder (a chooser),
 * the direction, how files are compared, "Delete files that are not in the source" (off by default, warned
 * about), exclude patterns; Preview fills the table (Action, Path, Size, Reason) as the plan streams in, with a
 * summary line; skipped rows are hidden unless "Show unchanged" is checked. Run sends the planned steps to the
 * transfer queue. The buttons say what the controller may do now (setPhase()).
 */
class SyncDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncDialog)
public:
    enum class Phase {
        Editing,    ///< fields editable, Preview offered (Run needs a preview of these fields)
        Previewing, ///< the plan streams in: Stop offered
        Previewed,  ///< the plan is complete: Run offered (when there is something to do)
        Running,    ///< transfers and deletes run: Stop offered
    };

    SyncDialog(const QString &bucket, const QString &prefix, const QString &localFolder, QWidget *parent = nullptr);
    ~SyncDialog() override;

    SyncRequest request() const;
    void setRequest(const SyncRequest &request);
    /** The preview's model (the controller's SyncPlanModel). */
    void setModel(QAbstractItemModel *model);
    void setPhase(Phase phase, bool canRun = false);
    Phase phase() const { return m_phase; }
    void setSummary(const QString &text);
    /** Progress or an error of the last action ("Previewing… 1,200 files compared"). */
    void setStatus(const QString &text, bool error = false);

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }

    // For tests and the screenshot tour.
    QLineEdit *folderEdit() const { return m_folder; }
    QComboBox *directionBox() const { return m_direction; }
    QComboBox *compareBox() const { return m_compare; }
    QCheckBox *deleteBox() const { return m_delete; }
    QLabel *deleteWarning() const { return m_deleteWarning; }
    QLineEdit *excludeEdit() const { return m_exclude; }
    QCheckBox *showSkippedBox() const { return m_showSkipped; }
    QTableView *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *previewButton() const { return m_preview; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }

Q_SIGNALS:
    void previewRequested();
    void runRequested();
    void stopRequested();
    void showSkippedChanged(bool show);
    /** A field changed after a preview: that preview no longer applies (Run is off until the next one). */
    void requestChanged();

private:
    void chooseFolder();
    void fieldsChanged();
    void updateDeleteWarning();

    QString m_bucket;
    QString m_prefix;
    Phase m_phase = Phase::Editing;
    QLineEdit *m_folder;
    QComboBox *m_direction;
    QComboBox *m_compare;
    QCheckBox *m_delete;
    QLabel *m_deleteWarning;
    QLineEdit *m_exclude;
    QCheckBox *m_showSkipped;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_status;
    QPushButton *m_preview;
    QPushButton *m_run;
    QPushButton *m_stop;
    QPushButton *m_close;
};

} // namespace s3ui
