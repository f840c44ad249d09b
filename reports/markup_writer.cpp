#include "markup_writer.hpp"

#include "etalon/core/utf8.hpp"

namespace etalon::reports {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string Escape(std::string_view text, bool attribute) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += attribute ? "&quot;" : "\""; break;
      case '\'': escaped += attribute ? "&#39;" : "'"; break;
      case '\t': case '\n': case '\r': escaped += c; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          escaped += kReplacement;
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

}  // namespace

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size());
  std::size_t valid_from = 0;  // valid bytes are copied a run at a time: most lines have no invalid byte
  for (std::size_t i = core::AsciiEnd(bytes, 0); i < bytes.size(); i = core::AsciiEnd(bytes, i)) {
    const auto length = core::Utf8SequenceLength(bytes, i);
    if (length != 0) {
      i += length;
      continue;
    }
    text.append(bytes.substr(valid_from, i - valid_from));
    text += kReplacement;
    valid_from = ++i;
  }
  text.append(bytes.substr(valid_from));
  return text;
}

std::string EscapeMarkup(std::string_view text) { return Escape(text, false); }

std::string EscapeMarkupAttribute(std::string_view text) { return Escape(text, true); }

void MarkupWriter::WriteTag(std::string_view tag, const Attributes& attributes) {
  out_ << '<' << tag;
  for (const auto& [name, value] : attributes) {
    out_ << ' ' << name << "=\"" << EscapeMarkupAttribute(value) << '"';
  }
}

MarkupWriter& MarkupWriter::Open(std::string_view tag, const Attributes& attributes) {
  WriteTag(tag, attributes);
  out_ << '>';
  return *this;
}

MarkupWriter& MarkupWriter::Close(std::string_view tag) {
  out_ << "</" << tag << '>';
  return *this;
}

MarkupWriter& MarkupWriter::Empty(std::string_view tag, const Attributes& attributes, bool xml_style) {
  WriteTag(tag, attributes);
  out_ << (xml_style ? "/>" : ">");
  return *this;
}

MarkupWriter& MarkupWriter::Element(std::string_view tag, const Attributes& attributes, std::string_view text) {
  Open(tag, attributes);
  Text(text);
  return Close(tag);
}

MarkupWriter& MarkupWriter::Text(std::string_view text) {
  out_ << EscapeMarkup(text);
  return *this;
}

MarkupWriter& MarkupWriter::Trusted(std::string_view markup) {
  out_ << markup;
  return *this;
}

}  // namespace etalon::reports
