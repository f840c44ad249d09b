#include "markup_writer.hpp"

namespace etalon::reports {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t ValidSequenceLength(std::string_view bytes, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > bytes.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

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
  for (std::size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const auto length = ValidSequenceLength(bytes, i);
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
