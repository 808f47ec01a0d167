// Each refusal of a request (core/protocol): the field it names, its kind (unknown key or invalid
// field: the hub's 400 unknown-field / invalid-field; token, time, ID number, reason: 422s), and that
// no refusal ever repeats the value it refused (values are personal data).
#include "ProtocolSamples.h"

#include <functional>
#include <gtest/gtest.h>

namespace kiosk::protocol::test {
namespace {

using json = nlohmann::json;

struct Case {
    const char* what;
    std::function<void(json&)> change;
    std::string message; // the start of the refusal: the field's path
    ErrorCode code = ErrorCode::InvalidData;
};

const std::string kSecret = "秘密-13912345678"; // a value that must never show up in a refusal

void expect_refusals(const json& valid, const std::vector<Case>& cases,
                     const std::function<Result<bool>(const json&)>& parse) {
    ASSERT_TRUE(parse(valid).ok()) << parse(valid).error().describe();
    for (const auto& c : cases) {
        json body = valid;
        c.change(body);
        auto read = parse(body);
        ASSERT_FALSE(read.ok()) << c.what;
        EXPECT_EQ(read.error().code, c.code) << c.what << ": " << read.error().message;
        EXPECT_EQ(read.error().message.rfind(c.message, 0), 0u) << c.what << ": " << read.error().message;
        EXPECT_EQ(read.error().message.find(kSecret), std::string::npos)
            << c.what << ": " << read.error().message;
        EXPECT_EQ(read.error().message.find(kIdNumber), std::string::npos) << c.what;
    }
}

Result<bool> reads_as_request(const json& body) {
    auto read = parse_application_request(body);
    if (!read.ok())
        return read.error();
    return true;
}

TEST(ProtocolRefusals, EveryFieldOfAnApplicationIsChecked) {
    auto set = [](const char* pointer, json value) {
        return [pointer, value](json& body) { body[json::json_pointer(pointer)] = value; };
    };
    auto drop = [](const char* parent, const char* key) {
        return [parent, key](json& body) { body[json::json_pointer(parent)].erase(key); };
    };
    std::string long_id(65, 'a');
    std::vector<Case> cases = {
        {"unknown key", set("/priority", kSecret), "unknown field priority", ErrorCode::Unsupported},
        {"unknown nested key", set("/applicant/nickname", kSecret), "unknown field applicant.nickname",
         ErrorCode::Unsupported},
        {"unknown material key", set("/materials/0/colour", 1), "unknown field materials[0].colour",
         ErrorCode::Unsupported},
        {"application id not hex", set("/application_id", "0123456789ABCDEF0123456789ABCDEF"),
         "application_id: expected 32 lowercase hex digits"},
        {"application id missing", drop("", "application_id"), "application_id: missing"},
        {"token too long", set("/query_token", std::string(65, 'O')), "query_token: longer than 64 bytes"},
        {"kiosk id empty", set("/kiosk_id", ""), "kiosk_id: must not be empty"},
        {"catalog version a number", set("/catalog_version", 3), "catalog_version: expected a string"},
        {"submitted_at null", set("/submitted_at", nullptr), "submitted_at: missing"},
        {"package id too long", set("/package_id", long_id), "package_id: longer than 64 bytes"},
        {"matters not an array", set("/matter_ids", "birth"), "matter_ids: expected an array"},
        {"no matter", set("/matter_ids", json::array()), "matter_ids: expected 1 to 32 matter ids"},
        {"33 matters", set("/matter_ids", std::vector<std::string>(33, "m")), "matter_ids: expected 1 to 32"},
        {"a matter not a string", set("/matter_ids/1", 7), "matter_ids: expected matter ids"},
        {"a matter id too long", set("/matter_ids/0", long_id), "matter_ids: expected matter ids"},
        {"applicant not an object", set("/applicant", kSecret), "applicant: expected an object"},
        {"unknown id type", set("/applicant/id_type", "military_id"),
         "applicant.id_type: expected resident_id, hmt_permit, foreign_permit or passport"},
        {"id number too long", set("/applicant/id_number", kSecret + kSecret + kSecret),
         "applicant.id_number: longer than 32 bytes"},
        {"no name", drop("/applicant", "name"), "applicant.name: missing"},
        {"name too long", set("/applicant/name", std::string(201, 'x')),
         "applicant.name: longer than 200 bytes"},
        {"phone too long", set("/applicant/phone", kSecret + kSecret),
         "applicant.phone: longer than 32 bytes"},
        {"form not an object", set("/form", json::array()), "form: expected an object"},
        {"form value a number", set("/form/purpose", 1), "form: expected field ids with string values"},
        {"form value too long", set("/form/purpose", std::string(4097, 'x')), "form: expected field ids"},
        {"form key empty", set("/form/", "x"), "form: expected field ids"},
        {"129 form fields",
         [](json& body) {
             for (int i = 0; i < 129; ++i)
                 body["form"]["field_" + std::to_string(i)] = "x";
         },
         "form: more than 128 fields"},
        {"consent without version", drop("/consent", "version"), "consent.version: missing"},
        {"materials not an array", set("/materials", json::object()), "materials: expected an array"},
        {"a material not an object", set("/materials/0", kSecret), "materials[0]: expected an object"},
        {"65 materials", set("/materials", std::vector<json>(65, to_json(full_request().materials[0]))),
         "materials: more than 64 materials"},
        {"sha256 upper case", set("/materials/0/sha256", std::string(64, 'A')),
         "materials[0].sha256: expected 64 lowercase hex digits"},
        {"negative bytes", set("/materials/0/bytes", -1), "materials[0].bytes: must be between 0 and"},
        {"bytes a float", set("/materials/0/bytes", 1.5), "materials[0].bytes: expected an integer"},
        {"too many pages", set("/materials/0/pages", 10001),
         "materials[0].pages: must be between 0 and 10000"},
        {"content type too long", set("/materials/0/content_type", std::string(101, 'x')),
         "materials[0].content_type: longer than 100 bytes"},
    };
    expect_refusals(to_json(full_request()), cases, reads_as_request);
}

TEST(ProtocolRefusals, TheFirstProblemWinsAndUnknownKeysComeFirst) {
    json body = to_json(full_request());
    body["application_id"] = "short";
    body["zzz"] = 1;
    auto read = parse_application_request(body);
    EXPECT_EQ(read.error().code, ErrorCode::Unsupported);
    EXPECT_EQ(refusal_kind(read.error()).code, kUnknownField.code);
    body.erase("zzz");
    body["kiosk_id"] = "";
    EXPECT_EQ(parse_application_request(body).error().message,
              "application_id: expected 32 lowercase hex digits");
    // A key from outside is quoted only as a bounded, printable prefix.
    body = to_json(full_request());
    body[std::string("bad\nkey") + std::string(100, 'k')] = 1;
    auto message = parse_application_request(body).error().message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_LT(message.size(), 60u);
}

TEST(ProtocolRefusals, TokensTimesAndResidentIdNumbersAre422s) {
    auto request = full_request();
    EXPECT_FALSE(check_application(request));
    request.query_token = "OW1-0000-0000-0000-0001";
    EXPECT_EQ(check_application(request)->kind.code, kBadToken.code);
    request = full_request();
    request.submitted_at = "2026-11-27 10:00";
    EXPECT_EQ(check_application(request)->kind.code, kBadTime.code);
    EXPECT_EQ(check_application(request)->message.rfind("submitted_at", 0), 0u);
    request = full_request();
    request.consent.accepted_at = "yesterday";
    EXPECT_EQ(check_application(request)->message.rfind("consent.accepted_at", 0), 0u);

    domain::CivilDate today{2026, 11, 27};
    Applicant applicant = full_request().applicant;
    EXPECT_FALSE(check_applicant_id(applicant, today));
    applicant.id_number = "110105194912310021"; // wrong check character
    auto refused = check_applicant_id(applicant, today);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->kind.code, kBadIdNumber.code);
    EXPECT_EQ(refused->kind.status, 422);
    EXPECT_EQ(refused->message.find(applicant.id_number), std::string::npos);
    applicant.id_type = IdType::Passport; // only resident ID numbers have a known structure
    EXPECT_FALSE(check_applicant_id(applicant, today));
}

TEST(ProtocolRefusals, AKioskValidatesWhatItWouldSendWithoutNamingValues) {
    auto request = full_request();
    request.applicant.name = std::string(201, 'x');
    auto checked = validate(request);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(checked.error().message, "application: applicant.name: longer than 200 bytes");
    request = full_request();
    request.matter_ids.clear();
    EXPECT_EQ(validate(request).error().message, "application: matter_ids: expected 1 to 32 matter ids");
    request = full_request();
    request.query_token = "OW1-NOT-A-TOKEN";
    EXPECT_EQ(validate(request).error().code, ErrorCode::InvalidArgument);
}

TEST(ProtocolRefusals, DecisionsAndCertificateQueries) {
    auto decision = [](const json& body) -> Result<bool> {
        auto read = parse_decision_request(body);
        if (!read.ok())
            return read.error();
        return true;
    };
    auto set = [](const char* key, json value) { return [key, value](json& body) { body[key] = value; }; };
    expect_refusals(
        to_json(full_decision()),
        {{"unknown decision", set("decision", "maybe"), "decision: expected approve, reject or request_more"},
         {"no officer", [](json& body) { body.erase("officer"); }, "officer: missing"},
         {"officer too long", set("officer", std::string(101, 'x')), "officer: longer than 100 bytes"},
         {"reason too long", set("reason", std::string(1001, 'x')), "reason: longer than 1000 bytes"},
         {"unknown key", set("priority", 1), "unknown field priority", ErrorCode::Unsupported}},
        decision);
    EXPECT_FALSE(check_decision(full_decision()));
    EXPECT_FALSE(check_decision({DecisionKind::Approve, std::nullopt, "王警官"}));
    auto no_reason = parse_decision_request({{"decision", "request_more"}, {"officer", "x"}, {"reason", ""}});
    ASSERT_TRUE(no_reason.ok());
    EXPECT_EQ(check_decision(no_reason.value())->kind.code, kReasonRequired.code);

    auto query = [](const json& body) -> Result<bool> {
        auto read = parse_certificate_query(body);
        if (!read.ok())
            return read.error();
        return true;
    };
    expect_refusals(
        to_json(CertificateQuery{kIdNumber}),
        {{"no number", set("id_number", ""), "id_number: must not be empty"},
         {"too long", set("id_number", kSecret + kSecret + kSecret), "id_number: longer than 32 bytes"},
         {"a number", set("id_number", 110105), "id_number: expected a string"},
         {"unknown key", set("name", kSecret), "unknown field name", ErrorCode::Unsupported}},
        query);
}

} // namespace
} // namespace kiosk::protocol::test
