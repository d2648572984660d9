// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace s3ui {

class PreferencesController;
struct Preferences;

/**
 * Settings > Preferences…: the default download folder, transfers at once, the upload part size, asking before
 * overwriting, and the bandwidth limits. Shows the controller's values; OK hands the edited ones to
 * PreferencesController::apply() (which keeps and applies them), Cancel changes nothing. A value that cannot be
 * used shows why under its field and OK stays off until it is fixed. Does not own the controller, which must
 * outlive it.
 */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    explicit PreferencesDialog(PreferencesController *controller, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    /** What the fields say now. */
    Preferences values() const;

    void accept() override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void load(const Preferences &values);
    void recheck();
    void chooseFolder();
    /** A red line under a field, hidden while the field is fine. */
    QLabel *problemLabel(const char *name);

    PreferencesController *m_controller;
    QLineEdit *m_folder;
    QLabel *m_folderProblem = nullptr;
    QSpinBox *m_active;
    QLabel *m_activeProblem = nullptr;
    QSpinBox *m_partSize;
    QLabel *m_partSizeProblem = nullptr;
    QCheckBox *m_confirmOverwrite;
    QSpinBox *m_uploadLimit;
    QSpinBox *m_downloadLimit;
    QLabel *m_limitProblem = nullptr;
    QDialogButtonBox *m_buttons;
};

} // namespace s3ui
