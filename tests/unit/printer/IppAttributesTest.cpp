// What the CUPS driver takes from an IPP answer (drivers/printer/IppAttributes.h), on answers built with
// libcups as cupsd and a printer send them.
#include "drivers/printer/IppAttributes.h"

#include <cups/cups.h>
#include <gtest/gtest.h>
#include <memory>

namespace kiosk::drivers::cups {
namespace {

struct IppDeleter {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

void add_supply(ipp_t* ipp, std::initializer_list<std::string> supplies) {
    ipp_attribute_t* attribute = nullptr;
    for (const auto& supply : supplies) {
        if (!attribute)
            attribute = ippAddOctetString(ipp, IPP_TAG_PRINTER, "printer-supply", supply.data(),
                                          static_cast<int>(supply.size()));
        else
            ippSetOctetString(ipp, &attribute, ippGetCount(attribute), supply.data(),
                              static_cast<int>(supply.size()));
    }
}

TEST(IppAttributes, TheJobsStateAndReasonsWithNoneAsNoReason) {
    Ipp ipp(ippNew());
    ippAddInteger(ipp.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "job-state", IPP_JSTATE_ABORTED);
    const char* reasons[] = {"aborted-by-system", "job-completed-with-errors"};
    ippAddStrings(ipp.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-state-reasons", 2, nullptr, reasons);
    ippAddString(ipp.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-printer-state-reasons", nullptr, "none");
    auto job = read_job_attributes(ipp.get());
    EXPECT_EQ(job.state, 8);
    EXPECT_TRUE(job.finished());
    EXPECT_EQ(job.reasons, (std::vector<std::string>{"aborted-by-system", "job-completed-with-errors"}));
    EXPECT_TRUE(job.printer_reasons.empty());
}

// A supply level is a percentage or unknown: a printer's "level=250", a number past int (whose atoi
// was undefined) or cupsd's -3 ("some left") never shows as a level (found while adding
// fuzz_ipp_attributes).
TEST(IppAttributes, SupplyLevelsOutsideAPercentageAreUnknown) {
    Ipp ipp(ippNew());
    add_supply(ipp.get(), {"type=toner;level=75;colorantname=black;", "type=toner;level=250;",
                           "type=toner;level=99999999999;", "type=ink;level=-3;", "type=ink;level=4x;"});
    QueueSnapshot snapshot;
    read_printer_attributes(ipp.get(), snapshot);
    ASSERT_EQ(snapshot.markers.size(), 5u);
    EXPECT_EQ(snapshot.markers[0].name, "black");
    EXPECT_EQ(snapshot.markers[0].level, 75);
    for (size_t i = 1; i < 5; ++i)
        EXPECT_EQ(snapshot.markers[i].level, -1) << i;

    Ipp queue(ippNew());
    const char* names[] = {"Black Toner", "Cyan Toner", "Waste"};
    ippAddStrings(queue.get(), IPP_TAG_PRINTER, IPP_TAG_NAME, "marker-names", 3, nullptr, names);
    const int levels[] = {40, 101, -3};
    ippAddIntegers(queue.get(), IPP_TAG_PRINTER, IPP_TAG_INTEGER, "marker-levels", 3, levels);
    QueueSnapshot from_queue;
    read_queue_attributes(queue.get(), from_queue);
    ASSERT_EQ(from_queue.markers.size(), 3u);
    EXPECT_EQ(from_queue.markers[0].level, 40);
    EXPECT_EQ(from_queue.markers[1].level, -1);
    EXPECT_EQ(from_queue.markers[2].level, -1);
}

TEST(IppAttributes, AnEmptyAnswerReadsAsTheFallbacks) {
    Ipp ipp(ippNew());
    QueueSnapshot snapshot;
    read_queue_attributes(ipp.get(), snapshot);
    EXPECT_EQ(snapshot.printer_state, 3);
    EXPECT_TRUE(snapshot.accepting);
    EXPECT_TRUE(snapshot.reasons.empty() && snapshot.markers.empty() && snapshot.device_uri.empty());
    EXPECT_EQ(read_job_attributes(ipp.get()).state, 0);
}

} // namespace
} // namespace kiosk::drivers::cups
