// Result<T> and TRY: how every module reports failure without exceptions.

#include "core/base/Result.h"

#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <string>

namespace kiosk {
namespace {

Result<int> parse_digit(char c) {
    if (c < '0' || c > '9')
        return make_error(ErrorCode::InvalidData, std::string("not a digit: ") + c);
    return c - '0';
}

// Two digits through TRY: the first failure returns early with its own error.
Result<int> parse_two_digits(const char* text) {
    int tens = TRY(parse_digit(text[0]));
    int ones = TRY(parse_digit(text[1]));
    return tens * 10 + ones;
}

Result<void> check_even(int value) {
    if (value % 2 != 0)
        return make_error(ErrorCode::InvalidArgument, std::to_string(value) + " is odd");
    return {};
}

Result<int> halve_two_digits(const char* text, int* steps_reached) {
    int value = TRY(parse_two_digits(text));
    *steps_reached = 1;
    TRY(check_even(value));
    *steps_reached = 2;
    return value / 2;
}

TEST(Result, HoldsAValue) {
    Result<int> result = 42;
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(static_cast<bool>(result));
    EXPECT_EQ(result.value(), 42);
    EXPECT_EQ(result.value_or(7), 42);
}

TEST(Result, HoldsAnError) {
    Result<int> result = make_error(ErrorCode::NotFound, "catalog.json: cannot open");
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(static_cast<bool>(result));
    EXPECT_EQ(result.error().code, ErrorCode::NotFound);
    EXPECT_EQ(result.error().message, "catalog.json: cannot open");
    EXPECT_EQ(result.error().describe(), "not found: catalog.json: cannot open");
    EXPECT_EQ(result.value_or(7), 7);
}

TEST(Result, VoidIsOkByDefaultOrCarriesAnError) {
    Result<void> fine;
    EXPECT_TRUE(fine.ok());
    Result<void> failed = Error::make(ErrorCode::Busy, "scanner in use");
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::Busy);
    EXPECT_EQ(failed.release_error().message, "scanner in use");
}

TEST(Result, ArrowReachesTheValue) {
    Result<std::string> result = std::string("receipt");
    EXPECT_EQ(result->size(), 7u);
}

TEST(Result, MoveOnlyValuesCanBeReleased) {
    Result<std::unique_ptr<int>> result = std::make_unique<int>(5);
    std::unique_ptr<int> owned = result.release_value();
    ASSERT_TRUE(owned);
    EXPECT_EQ(*owned, 5);
}

TEST(Try, UnwrapsValues) {
    auto result = parse_two_digits("42");
    ASSERT_TRUE(result.ok()) << result.error().describe();
    EXPECT_EQ(result.value(), 42);
}

TEST(Try, ReturnsTheFirstErrorUnchanged) {
    auto result = parse_two_digits("4x");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidData);
    EXPECT_EQ(result.error().message, "not a digit: x");
}

TEST(Try, PropagatesThroughSeveralLevelsAndVoid) {
    int steps = 0;
    auto bad_digit = halve_two_digits("x2", &steps);
    EXPECT_EQ(bad_digit.error().code, ErrorCode::InvalidData);
    EXPECT_EQ(steps, 0);

    auto odd = halve_two_digits("43", &steps);
    ASSERT_FALSE(odd.ok());
    EXPECT_EQ(odd.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(odd.error().message, "43 is odd");
    EXPECT_EQ(steps, 1);

    auto half = halve_two_digits("42", &steps);
    ASSERT_TRUE(half.ok());
    EXPECT_EQ(half.value(), 21);
    EXPECT_EQ(steps, 2);
}

TEST(Try, WorksWithMoveOnlyValues) {
    auto make = []() -> Result<std::unique_ptr<int>> { return std::make_unique<int>(3); };
    auto use = [&]() -> Result<int> {
        auto pointer = TRY(make());
        return *pointer + 1;
    };
    EXPECT_EQ(use().value(), 4);
}

TEST(Try, EvaluatesItsExpressionOnce) {
    int calls = 0;
    auto counted = [&]() -> Result<int> {
        ++calls;
        return 7;
    };
    auto use = [&]() -> Result<int> { return TRY(counted()) * 2; };
    EXPECT_EQ(use().value(), 14);
    EXPECT_EQ(calls, 1);
}

TEST(Try, PropagatesFromAVoidResultIntoAVoidFunction) {
    bool reached_end = false;
    auto step = [&](bool fail) -> Result<void> {
        TRY(check_even(fail ? 3 : 4));
        reached_end = true;
        return {};
    };
    EXPECT_TRUE(step(false).ok());
    EXPECT_TRUE(reached_end);
    reached_end = false;
    auto failed = step(true);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "3 is odd");
    EXPECT_FALSE(reached_end);
}

TEST(Result, ValueCanBeMovedOutOfATemporary) {
    auto make = []() -> Result<std::string> { return std::string(100, 'x'); };
    std::string moved = make().value();
    EXPECT_EQ(moved.size(), 100u);
    Result<std::string> failed = make_error(ErrorCode::Timeout, "hub did not answer");
    EXPECT_EQ(failed.value_or("offline"), "offline");
    EXPECT_EQ(failed.error().describe(), "timeout: hub did not answer");
}

TEST(ErrorCode, EveryCodeHasItsOwnName) {
    std::set<std::string> names;
    for (int code = 0; code <= static_cast<int>(ErrorCode::Internal); ++code)
        names.insert(to_string(static_cast<ErrorCode>(code)));
    EXPECT_EQ(names.size(), static_cast<size_t>(ErrorCode::Internal) + 1);
    EXPECT_EQ(names.count("unknown error"), 0u);
}

} // namespace
} // namespace kiosk
