#pragma once
// Who the citizen is, as read from an ID card, a residence permit or a passport page. Personal data:
// it lives only for the session, is wiped at its end, and has no log formatter on purpose.

#include "core/base/LocalizedText.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::domain {

enum class DocumentType {
    ResidentId,                    // 居民身份证
    HmtResidencePermit,            // 港澳台居民居住证 ('J')
    ForeignPermanentResidence2017, // 外国人永久居留身份证 2017 ('I')
    ForeignPermanentResidence2023, // 外国人永久居留身份证 2023 ('Y')
    Passport,                      // from an MRZ
};
const char* to_string(DocumentType type); // the CLI/JSON names: "resident_id" …

struct Identity {
    DocumentType document_type = DocumentType::ResidentId;
    std::string name;       // as printed (Chinese, or the transliterated name)
    std::string name_en;    // when the card has one
    char sex = 'M';         // 'M' | 'F'
    std::string nation;     // ethnic group in Chinese, resident cards only
    std::string birth_date; // YYYY-MM-DD
    std::string address;
    std::string id_number;
    std::string issuer;
    std::string valid_from;  // YYYY-MM-DD
    std::string valid_until; // YYYY-MM-DD or "long-term"
    std::string permit_number;
    std::string nationality;
    std::vector<uint8_t> photo_wlt; // the card's 1024 compressed photo bytes, session only
    // The photo decoded to 24-bit RGB (rows top-down), when a decoder is configured; empty otherwise.
    std::vector<uint8_t> photo_rgb;
    int photo_width = 0, photo_height = 0;

    // Overwrites every field (see secure_wipe) — called when the session ends.
    void wipe();
};

// "张**" style masking for screens a passer-by may see; the full name is for the citizen's own pages.
std::string mask_name(const std::string& name);
// "1101**********1234"
std::string mask_id_number(const std::string& id_number);

} // namespace kiosk::domain
