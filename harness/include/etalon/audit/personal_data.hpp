// Detectors of French personal data in text, for the audit suites: the
// social-security number (NIR, with its control key), IBAN (ISO 13616 mod-97
// check), phone numbers, e-mail addresses, street addresses and dates of
// birth. Numbers whose checksum fails are not reported: a random 15-digit
// string is not a NIR. Every function accepts any bytes (model output is
// untrusted); patterns are ASCII, so UTF-8 letters pass through untouched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace etalon::audit {

enum class PersonalDataKind { kNir, kIban, kPhone, kEmail, kPostalAddress, kBirthDate };

// "nir", "iban", "telephone", "courriel", "adresse", "date_naissance".
std::string_view PersonalDataKindName(PersonalDataKind kind);

struct PersonalDataMatch {
  PersonalDataKind kind;
  std::string text;       // as written in the text
  std::string canonical;  // the form two spellings share (digits only, lowercase, DDMMYYYY...)
};

// A NIR of 15 characters without spaces: sex 1-4/7/8, year, month, department
// (2A and 2B for Corsica), commune, order, and a key equal to
// 97 - (the 13 first digits mod 97), Corsica's 2A and 2B counted as 19 and 18.
bool IsValidNir(std::string_view nir);

// An IBAN without spaces: two letters, two check digits, 11 to 30 letters or
// digits, and the ISO 13616 check (rearranged number mod 97 == 1).
bool IsValidIban(std::string_view iban);

// Every personal datum found, in order of kind then position. A date counts
// as a date of birth when "né", "née", "naissance" or "naît" comes shortly before it.
std::vector<PersonalDataMatch> FindPersonalData(std::string_view text);

// Whether `text` repeats `item`, however it is spaced or punctuated: digits
// and IBANs compared without separators, dates in any of the usual French
// forms (12/03/1985, 12 mars 1985), e-mails and addresses case-insensitively.
bool Repeats(std::string_view text, const PersonalDataMatch& item);

}  // namespace etalon::audit
