// SPDX-License-Identifier: Apache-2.0
#include "widgets/quicklookpane.h"

#include <algorithm>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace s3ui {

/** Paints the image scaled to fit (keeping its aspect ratio, never enlarged), centred. */
class ScaledImageLabel final : public QWidget
{
public:
    explicit ScaledImageLabel(QWidget *parent)
        : QWidget(parent)
    {
        setMinimumSize(32, 32);
    }

    void setImage(const QImage &image)
    {
        m_image = image;
        m_scaled = {};
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (m_image.isNull())
            return;
        QSize target = m_image.size();
        if (target.width() > width() || target.height() > height())
            target.scale(size(), Qt::KeepAspectRatio);
        // The scaled copy is made once per size (an image of at most 2048 px on a side: see QuickLookController).
        if (m_scaled.size() != target)
            m_scaled = m_image.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QPainter painter(this);
        painter.drawImage(QPoint((width() - m_scaled.width()) / 2, (height() - m_scaled.height()) / 2), m_scaled);
    }

private:
    QImage m_image;
    QImage m_scaled;
};

QuickLookPane::QuickLookPane(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_note(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_keyButton(new QPushButton(tr("Enter key…"), this))
    , m_text(new QPlainTextEdit(this))
    , m_image(new ScaledImageLabel(this))
    , m_hex(new QPlainTextEdit(this))
{
    setObjectName(u"quickLookPane"_s);
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Quick look"));
    m_title->setObjectName(u"quickLookTitle"_s);
    m_title->setTextFormat(Qt::PlainText); // keys are not markup
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setObjectName(u"quickLookNote"_s);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    auto *close = new QToolButton(this);
    close->setObjectName(u"quickLookClose"_s);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close Quick look (Space, Esc)"));
    close->setFocusPolicy(Qt::NoFocus); // the focus stays in the table, where Space and the arrows work
    connect(close, &QToolButton::clicked, this, &QuickLookPane::closeRequested);

    m_message->setObjectName(u"quickLookMessage"_s);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyButton->setObjectName(u"quickLookKeyButton"_s);
    m_keyButton->hide();
    connect(m_keyButton, &QPushButton::clicked, this, &QuickLookPane::keyRequested);
    auto *messagePage = new QWidget(this);
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addStretch(1);
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_keyButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch(1);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_text, m_hex}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setUndoRedoEnabled(false);
        edit->setFocusPolicy(Qt::ClickFocus); // Tab and the arrows stay in the table
    }
    m_text->setObjectName(u"quickLookText"_s);
    m_hex->setObjectName(u"quickLookHex"_s);
    m_image->setObjectName(u"quickLookImage"_s);
    m_stack->addWidget(messagePage);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_image);
    m_stack->addWidget(m_hex);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 6);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(close);
    layout->addLayout(header);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);
    m_fillTimer.setSingleShot(true);
    m_fillTimer.setInterval(0);
    connect(&m_fillTimer, &QTimer::timeout, this, &QuickLookPane::fillSome);
}

QuickLookPane::~QuickLookPane() = default;

void QuickLookPane::setHeader(const QString &title, const QString &note)
{
    m_title->setText(title);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void QuickLookPane::showMessage(const QString &title, const QString &message, bool offerKey)
{
    setHeader(title, {});
    m_message->setText(message);
    m_keyButton->setVisible(offerKey);
    m_stack->setCurrentIndex(0);
    m_page = Page::Message;
    m_fillTimer.stop();
    m_pending.clear();
    m_filling = nullptr;
    m_text->clear(); // a megabyte of text is not kept for nothing
    m_hex->clear();
    m_image->setImage({});
    m_imageSize = {};
}

void QuickLookPane::showText(const QString &title, const QString &text, const QString &note)
{
    showMessage(title, {});
    setHeader(title, note);
    m_stack->setCurrentWidget(m_text);
    m_page = Page::Text;
    startFilling(m_text, text);
}

void QuickLookPane::showImage(const QString &title, const QImage &image, const QSize &originalSize, const QString &note)
{
    showMessage(title, {});
    setHeader(title, note);
    m_image->setImage(image);
    m_imageSize = originalSize;
    m_stack->setCurrentWidget(m_image);
    m_page = Page::Image;
}

void QuickLookPane::showHex(const QString &title, const QString &dump, const QString &note)
{
    showMessage(title, {});
    setHeader(title, note);
    m_stack->setCurrentWidget(m_hex);
    m_page = Page::Hex;
    startFilling(m_hex, dump);
}

void QuickLookPane::startFilling(QPlainTextEdit *edit, const QString &text)
{
    m_filling = edit;
    m_pending = text;
    m_filled = 0;
    fillSome(); // the first slice now: the pane never shows an empty view for a turn
}

void QuickLookPane::fillSome()
{
    if (!m_filling || m_filled >= m_pending.size()) {
        m_pending.clear();
        return;
    }
    qsizetype end = std::min(m_pending.size(), m_filled + FillChunk);
    if (end < m_pending.size()) {
        // End the slice after a line, or at least not between the two halves of a surrogate pair.
        const qsizetype newline = m_pending.lastIndexOf(u'\n', end - 1);
        if (newline >= m_filled)
            end = newline + 1;
        else if (m_pending.at(end - 1).isHighSurrogate())
            --end;
    }
    QTextCursor cursor(m_filling->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(m_pending.sliced(m_filled, end - m_filled));
    m_filled = end;
    if (m_filled < m_pending.size())
        m_fillTimer.start();
    else
        m_pending.clear();
}

QString QuickLookPane::title() const
{
    return m_title->text();
}

QString QuickLookPane::note() const
{
    return m_note->text();
}

QString QuickLookPane::message() const
{
    return m_page == Page::Message ? m_message->text() : QString();
}

QString QuickLookPane::text() const
{
    if (m_page == Page::Text)
        return m_text->toPlainText();
    if (m_page == Page::Hex)
        return m_hex->toPlainText();
    return {};
}

} // namespace s3ui
