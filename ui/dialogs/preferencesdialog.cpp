// SPDX-License-Identifier: Apache-2.0
#include "dialogs/preferencesdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "s3core/transfer/partplanner.h"
#include "util/windowfit.h"
#include "widgets/preferencescontroller.h"

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

namespace {
constexpr qint64 KiB = 1024;
// The spin boxes count KiB/s: an int holds up to 2 TiB/s, far beyond any link.
constexpr int MaxLimitKiB = 100 * 1024 * 1024;

QSpinBox *limitBox(QWidget *parent, const char *name)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(0, MaxLimitKiB);
    box->setSingleStep(256);
    box->setSuffix(PreferencesDialog::tr(" KiB/s"));
    box->setSpecialValueText(PreferencesDialog::tr("No limit")); // shown at 0
    box->setGroupSeparatorShown(true);
    return box;
}
} // namespace

PreferencesDialog::PreferencesDialog(PreferencesController *controller, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_folder(new QLineEdit(this))
    , m_active(new QSpinBox(this))
    , m_partSize(new QSpinBox(this))
    , m_confirmOverwrite(new QCheckBox(tr("&Ask before replacing files that exist (uploads and downloads)"), this))
    , m_uploadLimit(limitBox(this, "uploadLimitBox"))
    , m_downloadLimit(limitBox(this, "downloadLimitBox"))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    Q_ASSERT(controller);
    setWindowTitle(tr("Preferences"));
    setObjectName(u"preferencesDialog"_s);
    m_folderProblem = problemLabel("folderProblem");
    m_activeProblem = problemLabel("activeProblem");
    m_partSizeProblem = problemLabel("partSizeProblem");
    m_limitProblem = problemLabel("limitProblem");

    m_folder->setObjectName(u"downloadFolderEdit"_s);
    m_folder->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"browseFolderButton"_s);
    browse->setAutoDefault(false); // Enter in a field is OK, not Browse
    connect(browse, &QPushButton::clicked, this, &PreferencesDialog::chooseFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *folderColumn = new QVBoxLayout;
    folderColumn->setSpacing(2);
    folderColumn->addLayout(folderRow);
    folderColumn->addWidget(m_folderProblem);

    m_active->setObjectName(u"maxActiveBox"_s);
    m_active->setRange(preferences::MinActiveTransfers, preferences::MaxActiveTransfers);
    m_active->setToolTip(tr("Transfers that move bytes at the same time, per connection; the others wait in the queue."));
    m_partSize->setObjectName(u"partSizeBox"_s);
    m_partSize->setRange(int(s3::MinPartSize / s3::MiB), int(s3::MaxPartSize / s3::MiB));
    m_partSize->setSuffix(tr(" MiB"));
    m_partSize->setGroupSeparatorShown(true);
    m_partSize->setToolTip(tr("Uploads of large files are sent in parts of this size (grown for files beyond 10,000 "
                              "parts). Uploads already queued keep theirs."));
    m_confirmOverwrite->setObjectName(u"confirmOverwriteBox"_s);
    m_confirmOverwrite->setToolTip(tr("Off: an upload or download replaces what exists without asking."));

    auto *form = new QFormLayout;
    // Rows holding a layout get no buddy from addRow(): without one the '&' would show literally.
    auto *folderLabel = new QLabel(tr("Download &folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderColumn);
    auto *activeColumn = new QVBoxLayout;
    activeColumn->setSpacing(2);
    activeColumn->addWidget(m_active);
    activeColumn->addWidget(m_activeProblem);
    auto *activeLabel = new QLabel(tr("&Transfers at once:"), this);
    activeLabel->setBuddy(m_active);
    form->addRow(activeLabel, activeColumn);
    auto *partColumn = new QVBoxLayout;
    partColumn->setSpacing(2);
    partColumn->addWidget(m_partSize);
    partColumn->addWidget(m_partSizeProblem);
    auto *partLabel = new QLabel(tr("Upload &part size:"), this);
    partLabel->setBuddy(m_partSize);
    form->addRow(partLabel, partColumn);
    form->addRow(QString(), m_confirmOverwrite);
    auto *uploadLabel = new QLabel(tr("&Upload limit:"), this);
    uploadLabel->setBuddy(m_uploadLimit);
    form->addRow(uploadLabel, m_uploadLimit);
    auto *limitColumn = new QVBoxLayout;
    limitColumn->setSpacing(2);
    limitColumn->addWidget(m_downloadLimit);
    limitColumn->addWidget(m_limitProblem);
    auto *downloadLabel = new QLabel(tr("&Download limit:"), this);
    downloadLabel->setBuddy(m_downloadLimit);
    form->addRow(downloadLabel, limitColumn);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    load(controller->preferences());
    connect(m_folder, &QLineEdit::textChanged, this, &PreferencesDialog::recheck);
    for (QSpinBox *box : {m_active, m_partSize, m_uploadLimit, m_downloadLimit})
        connect(box, &QSpinBox::valueChanged, this, &PreferencesDialog::recheck);
    setMinimumWidth(520);
    fitWindowWidthToTitle(this);
    recheck();
}

PreferencesDialog::~PreferencesDialog() = default;

QLabel *PreferencesDialog::problemLabel(const char *name)
{
    auto *label = new QLabel(this);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // it may quote a path
    label->setStyleSheet(u"color: #d93025;"_s); // the red of NameDialog's reasons
    label->setVisible(false);
    return label;
}

void PreferencesDialog::load(const Preferences &values)
{
    m_folder->setText(QDir::toNativeSeparators(values.downloadFolder));
    m_active->setValue(values.maxActiveTransfers);
    m_partSize->setValue(int(values.partSize / s3::MiB));
    m_confirmOverwrite->setChecked(values.confirmOverwrite);
    // Rounded up: a limit below 1 KiB/s still shows as a limit, not as "No limit".
    m_uploadLimit->setValue(int(qMin<qint64>((values.uploadLimit + KiB - 1) / KiB, MaxLimitKiB)));
    m_downloadLimit->setValue(int(qMin<qint64>((values.downloadLimit + KiB - 1) / KiB, MaxLimitKiB)));
}

Preferences PreferencesDialog::values() const
{
    Preferences values;
    values.downloadFolder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    values.maxActiveTransfers = m_active->value();
    values.partSize = qint64(m_partSize->value()) * s3::MiB;
    values.confirmOverwrite = m_confirmOverwrite->isChecked();
    values.uploadLimit = qint64(m_uploadLimit->value()) * KiB;
    values.downloadLimit = qint64(m_downloadLimit->value()) * KiB;
    // A limit the dialog did not change keeps its exact value (the status bar menu sets some that are no KiB).
    const Preferences current = m_controller->preferences();
    if (m_uploadLimit->value() == int(qMin<qint64>((current.uploadLimit + KiB - 1) / KiB, MaxLimitKiB)))
        values.uploadLimit = current.uploadLimit;
    if (m_downloadLimit->value() == int(qMin<qint64>((current.downloadLimit + KiB - 1) / KiB, MaxLimitKiB)))
        values.downloadLimit = current.downloadLimit;
    return values;
}

void PreferencesDialog::recheck()
{
    const PreferencesProblems problems = preferences::validate(values());
    const auto showProblem = [](QLabel *label, const QString &text) {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    };
    showProblem(m_folderProblem, problems.downloadFolder);
    showProblem(m_activeProblem, problems.maxActiveTransfers);
    showProblem(m_partSizeProblem, problems.partSize);
    showProblem(m_limitProblem, problems.uploadLimit.isEmpty() ? problems.downloadLimit : problems.uploadLimit);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
    if (isVisible())
        fitWindowHeightToContent(this);
}

void PreferencesDialog::chooseFolder()
{
    auto *dialog = new QFileDialog(this, tr("Default download folder"), m_folder->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &folder) { m_folder->setText(QDir::toNativeSeparators(folder)); });
    dialog->open();
}

void PreferencesDialog::accept()
{
    recheck();
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return; // Enter with a value that cannot be used keeps the dialog, and the reason is shown
    m_controller->apply(values());
    QDialog::accept();
}

void PreferencesDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    fitWindowHeightToContent(this);
}

} // namespace s3ui
