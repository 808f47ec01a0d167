// The QR payload policy: our receipt tokens strictly, allowlisted links, everything else as text,
// and the bytes no screen should ever receive refused.

#include "core/domain/QrPayload.h"

#include <gtest/gtest.h>

using namespace kiosk::domain;

namespace {

QrPayloadPolicy policy() {
    QrPayloadPolicy p;
    p.receipt_base_url = "https://zwfw.shili.gov.cn.example";
    p.url_allowlist = {"https://zwfw.shili.gov.cn.example/", "https://www.gov.cn.example/zhengce"};
    return p;
}

// A valid token: 15 characters and their Luhn mod 32 check character ('8', computed independently).
constexpr const char* kToken = "OW1-7KQ2-M9XD-4TPA-Z3R8";

} // namespace

TEST(ReceiptToken, CheckCharacterCatchesEverySingleSubstitution) {
    EXPECT_EQ(receipt_token_check("7KQ2M9XD4TPAZ3R"), '8');
    EXPECT_TRUE(is_receipt_token(kToken));
    std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string token = kToken;
    for (size_t i = 4; i < token.size(); ++i) {
        if (token[i] == '-')
            continue;
        for (char c : alphabet) {
            if (c == token[i])
                continue;
            std::string changed = token;
            changed[i] = c;
            EXPECT_FALSE(is_receipt_token(changed)) << changed;
        }
    }
}

TEST(ReceiptToken, CheckCharacterCatchesNeighbourSwaps) {
    std::string body = "7KQ2M9XD4TPAZ3R";
    body += receipt_token_check(body);
    for (size_t i = 0; i + 1 < body.size(); ++i) {
        if (body[i] == body[i + 1])
            continue;
        std::string swapped = body;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_NE(receipt_token_check(swapped.substr(0, 15)), swapped[15]) << swapped;
    }
}

TEST(ReceiptToken, FormatIsStrict) {
    EXPECT_FALSE(is_receipt_token("ow1-7KQ2-M9XD-4TPA-Z3R8"));  // lower-case prefix
    EXPECT_FALSE(is_receipt_token("OW1-7kq2-M9XD-4TPA-Z3R8"));  // lower-case body
    EXPECT_FALSE(is_receipt_token("OW1-7KQ2M9XD-4TPA-Z3R8"));   // a separator missing
    EXPECT_FALSE(is_receipt_token("OW1-7KQ2-M9XD-4TPA-Z3R8-")); // too long
    EXPECT_FALSE(is_receipt_token("OW1-7KQ2-M9XD-4TPA-Z3RI"));  // I is not in the alphabet
    EXPECT_FALSE(is_receipt_token("OW2-7KQ2-M9XD-4TPA-Z3R8"));  // unknown format version
}

TEST(QrPayload, OurQueryLinkAndBareTokenAreReceiptTokens) {
    auto link = classify_qr_payload(std::string("https://zwfw.shili.gov.cn.example/q/") + kToken, policy());
    ASSERT_TRUE(link.ok()) << link.error().message;
    EXPECT_EQ(link->kind, QrPayloadKind::ReceiptToken);
    EXPECT_EQ(link->text, kToken);
    auto bare = classify_qr_payload(kToken, policy());
    ASSERT_TRUE(bare.ok());
    EXPECT_EQ(bare->kind, QrPayloadKind::ReceiptToken);
}

TEST(QrPayload, OurQueryLinkWithABrokenTokenIsRefused) {
    auto result =
        classify_qr_payload("https://zwfw.shili.gov.cn.example/q/OW1-7KQ2-M9XD-4TPA-Z3RH", policy());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, kiosk::ErrorCode::InvalidData);
    EXPECT_FALSE(classify_qr_payload("https://zwfw.shili.gov.cn.example/q/../admin", policy()).ok());
}

TEST(QrPayload, AllowlistedLinksOnlyAtAPathBoundaryAndOverHttps) {
    auto kind = [](const char* payload) { return classify_qr_payload(payload, policy()).value().kind; };
    EXPECT_EQ(kind("https://zwfw.shili.gov.cn.example/guide/birth"), QrPayloadKind::AllowedUrl);
    EXPECT_EQ(kind("HTTPS://ZWFW.shili.gov.cn.example/guide"), QrPayloadKind::AllowedUrl);
    EXPECT_EQ(kind("https://www.gov.cn.example/zhengce/2024"), QrPayloadKind::AllowedUrl);
    EXPECT_EQ(kind("https://www.gov.cn.example/zhengce?id=1"), QrPayloadKind::AllowedUrl);
    // Everything below is shown as text, never opened.
    EXPECT_EQ(kind("https://www.gov.cn.example/zhengcefake"), QrPayloadKind::Text);
    EXPECT_EQ(kind("http://zwfw.shili.gov.cn.example/guide"), QrPayloadKind::Text);
    EXPECT_EQ(kind("https://zwfw.shili.gov.cn.example.evil.test/"), QrPayloadKind::Text);
    EXPECT_EQ(kind("https://zwfw.shili.gov.cn.example@evil.test/"), QrPayloadKind::Text);
    EXPECT_EQ(kind("https://zwfw.shili.gov.cn.example/\\evil.test"), QrPayloadKind::Text);
    EXPECT_EQ(kind("javascript:alert(1)"), QrPayloadKind::Text);
    EXPECT_EQ(kind("WIFI:S:hall;T:WPA;P:secret;;"), QrPayloadKind::Text);
    EXPECT_EQ(kind("6901234567892"), QrPayloadKind::Text);
    EXPECT_EQ(kind("姓名=张三"), QrPayloadKind::Text);
}

TEST(QrPayload, EmptyPolicyAllowsNoLinks) {
    auto result = classify_qr_payload("https://zwfw.shili.gov.cn.example/guide", QrPayloadPolicy{});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->kind, QrPayloadKind::Text);
}

TEST(QrPayload, ControlCharactersInvalidUtf8AndOverlongAreRefused) {
    for (std::string bad :
         {std::string("abc\ndef"), std::string("a\x1b[2Jb"), std::string("nul\0x", 5), std::string("del\x7f"),
          std::string("c1 \xc2\x85"), std::string("bad \xff utf8"), std::string("overlong \xc0\xaf"),
          std::string("cut \xe4\xb8"), std::string("bidi \xe2\x80\xae gnp.exe"), std::string("")}) {
        auto result = classify_qr_payload(bad, policy());
        EXPECT_FALSE(result.ok()) << bad;
    }
    auto p = policy();
    EXPECT_TRUE(classify_qr_payload(std::string(p.max_bytes, 'A'), p).ok());
    auto too_long = classify_qr_payload(std::string(p.max_bytes + 1, 'A'), p);
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.error().message.find("2954"), std::string::npos);
}

// A staff badge is recognised by its shape alone and kept apart from citizens' codes: it never
// becomes a link or text shown on a citizen's screen, whatever follows the prefix (the signature is
// checked by staff sign-in, services/staff/StaffBadge.h).
TEST(QrPayload, StaffBadgesAreTheirOwnKind) {
    auto badge = classify_qr_payload("OWS1.eyJraWQiOiJoYWxsLTIwMjYifQ.c2lnbmF0dXJl", policy());
    ASSERT_TRUE(badge.ok());
    EXPECT_EQ(badge->kind, QrPayloadKind::StaffBadge);
    EXPECT_EQ(badge->text, "OWS1.eyJraWQiOiJoYWxsLTIwMjYifQ.c2lnbmF0dXJl");
    EXPECT_STREQ(to_string(QrPayloadKind::StaffBadge), "staff_badge");
    EXPECT_EQ(classify_qr_payload("OWS1.", policy())->kind, QrPayloadKind::StaffBadge);
    // Only the exact prefix: a lookalike is text, and the usual refusals still apply first.
    EXPECT_EQ(classify_qr_payload("ows1.abc", policy())->kind, QrPayloadKind::Text);
    EXPECT_EQ(classify_qr_payload("OWS1-abc", policy())->kind, QrPayloadKind::Text);
    EXPECT_EQ(classify_qr_payload(" OWS1.abc", policy())->kind, QrPayloadKind::Text);
    EXPECT_FALSE(classify_qr_payload("OWS1.\x1b[2J", policy()).ok());
}
