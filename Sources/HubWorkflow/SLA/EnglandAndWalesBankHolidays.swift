/// England and Wales bank holidays, 2015 through 2030, as published on GOV.UK for the years already announced and
/// by the usual rules after that: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first Monday
/// of May), the spring bank holiday (last Monday of May), the summer bank holiday (last Monday of August), Christmas
/// Day and Boxing Day, each with a substitute weekday when it falls at a weekend. The one-off changes are included:
/// VE day (Friday 8 May 2020, instead of 4 May), the Platinum Jubilee (spring bank holiday moved to Thursday 2 June 2022
/// plus Friday 3 June), the State Funeral of Queen Elizabeth II (19 September 2022) and the coronation of
/// King Charles III (8 May 2023). Wales shares this list; Scotland and Northern Ireland do not.
///
/// Outside the covered years there are no holidays: extend the calendar (`adding(contentsOf:)`) before 2030 ends.
extension BankHolidayCalendar {
    /// The years the shipped England and Wales list covers.
    public static let englandAndWalesYears: ClosedRange<Int> = 2015...2030

    /// England and Wales bank holidays for `englandAndWalesYears`.
    public static let englandAndWales = BankHolidayCalendar(englandAndWalesHolidays)

    private static let englandAndWalesHolidays: [BankHoliday] = [
        // 2015 (Easter Sunday 2015-04-05)
        holiday(2015, 1, 1, "New Year's Day"), // Thu
        holiday(2015, 4, 3, "Good Friday"), // Fri
        holiday(2015, 4, 6, "Easter Monday"), // Mon
        holiday(2015, 5, 4, "Early May bank holiday"), // Mon
        holiday(2015, 5, 25, "Spring bank holiday"), // Mon
        holiday(2015, 8, 31, "Summer bank holiday"), // Mon
        holiday(2015, 12, 25, "Christmas Day"), // Fri
        holiday(2015, 12, 28, "Boxing Day (substitute day)"), // Mon

        // 2016 (Easter Sunday 2016-03-27)
        holiday(2016, 1, 1, "New Year's Day"), // Fri
        holiday(2016, 3, 25, "Good Friday"), // Fri
        holiday(2016, 3, 28, "Easter Monday"), // Mon
        holiday(2016, 5, 2, "Early May bank holiday"), // Mon
        holiday(2016, 5, 30, "Spring bank holiday"), // Mon
        holiday(2016, 8, 29, "Summer bank holiday"), // Mon
        holiday(2016, 12, 26, "Boxing Day"), // Mon
        holiday(2016, 12, 27, "Christmas Day (substitute day)"), // Tue

        // 2017 (Easter Sunday 2017-04-16)
        holiday(2017, 1, 2, "New Year's Day (substitute day)"), // Mon
        holiday(2017, 4, 14, "Good Friday"), // Fri
        holiday(2017, 4, 17, "Easter Monday"), // Mon
        holiday(2017, 5, 1, "Early May bank holiday"), // Mon
        holiday(2017, 5, 29, "Spring bank holiday"), // Mon
        holiday(2017, 8, 28, "Summer bank holiday"), // Mon
        holiday(2017, 12, 25, "Christmas Day"), // Mon
        holiday(2017, 12, 26, "Boxing Day"), // Tue

        // 2018 (Easter Sunday 2018-04-01)
        holiday(2018, 1, 1, "New Year's Day"), // Mon
        holiday(2018, 3, 30, "Good Friday"), // Fri
        holiday(2018, 4, 2, "Easter Monday"), // Mon
        holiday(2018, 5, 7, "Early May bank holiday"), // Mon
        holiday(2018, 5, 28, "Spring bank holiday"), // Mon
        holiday(2018, 8, 27, "Summer bank holiday"), // Mon
        holiday(2018, 12, 25, "Christmas Day"), // Tue
        holiday(2018, 12, 26, "Boxing Day"), // Wed

        // 2019 (Easter Sunday 2019-04-21)
        holiday(2019, 1, 1, "New Year's Day"), // Tue
        holiday(2019, 4, 19, "Good Friday"), // Fri
        holiday(2019, 4, 22, "Easter Monday"), // Mon
        holiday(2019, 5, 6, "Early May bank holiday"), // Mon
        holiday(2019, 5, 27, "Spring bank holiday"), // Mon
        holiday(2019, 8, 26, "Summer bank holiday"), // Mon
        holiday(2019, 12, 25, "Christmas Day"), // Wed
        holiday(2019, 12, 26, "Boxing Day"), // Thu

        // 2020 (Easter Sunday 2020-04-12)
        holiday(2020, 1, 1, "New Year's Day"), // Wed
        holiday(2020, 4, 10, "Good Friday"), // Fri
        holiday(2020, 4, 13, "Easter Monday"), // Mon
        holiday(2020, 5, 8, "Early May bank holiday (VE day)"), // Fri
        holiday(2020, 5, 25, "Spring bank holiday"), // Mon
        holiday(2020, 8, 31, "Summer bank holiday"), // Mon
        holiday(2020, 12, 25, "Christmas Day"), // Fri
        holiday(2020, 12, 28, "Boxing Day (substitute day)"), // Mon

        // 2021 (Easter Sunday 2021-04-04)
        holiday(2021, 1, 1, "New Year's Day"), // Fri
        holiday(2021, 4, 2, "Good Friday"), // Fri
        holiday(2021, 4, 5, "Easter Monday"), // Mon
        holiday(2021, 5, 3, "Early May bank holiday"), // Mon
        holiday(2021, 5, 31, "Spring bank holiday"), // Mon
        holiday(2021, 8, 30, "Summer bank holiday"), // Mon
        holiday(2021, 12, 27, "Christmas Day (substitute day)"), // Mon
        holiday(2021, 12, 28, "Boxing Day (substitute day)"), // Tue

        // 2022 (Easter Sunday 2022-04-17)
        holiday(2022, 1, 3, "New Year's Day (substitute day)"), // Mon
        holiday(2022, 4, 15, "Good Friday"), // Fri
        holiday(2022, 4, 18, "Easter Monday"), // Mon
        holiday(2022, 5, 2, "Early May bank holiday"), // Mon
        holiday(2022, 6, 2, "Spring bank holiday"), // Thu
        holiday(2022, 6, 3, "Platinum Jubilee bank holiday"), // Fri
        holiday(2022, 8, 29, "Summer bank holiday"), // Mon
        holiday(2022, 9, 19, "Bank holiday for the State Funeral of Queen Elizabeth II"), // Mon
        holiday(2022, 12, 26, "Boxing Day"), // Mon
        holiday(2022, 12, 27, "Christmas Day (substitute day)"), // Tue

        // 2023 (Easter Sunday 2023-04-09)
        holiday(2023, 1, 2, "New Year's Day (substitute day)"), // Mon
        holiday(2023, 4, 7, "Good Friday"), // Fri
        holiday(2023, 4, 10, "Easter Monday"), // Mon
        holiday(2023, 5, 1, "Early May bank holiday"), // Mon
        holiday(2023, 5, 8, "Bank holiday for the coronation of King Charles III"), // Mon
        holiday(2023, 5, 29, "Spring bank holiday"), // Mon
        holiday(2023, 8, 28, "Summer bank holiday"), // Mon
        holiday(2023, 12, 25, "Christmas Day"), // Mon
        holiday(2023, 12, 26, "Boxing Day"), // Tue

        // 2024 (Easter Sunday 2024-03-31)
        holiday(2024, 1, 1, "New Year's Day"), // Mon
        holiday(2024, 3, 29, "Good Friday"), // Fri
        holiday(2024, 4, 1, "Easter Monday"), // Mon
        holiday(2024, 5, 6, "Early May bank holiday"), // Mon
        holiday(2024, 5, 27, "Spring bank holiday"), // Mon
        holiday(2024, 8, 26, "Summer bank holiday"), // Mon
        holiday(2024, 12, 25, "Christmas Day"), // Wed
        holiday(2024, 12, 26, "Boxing Day"), // Thu

        // 2025 (Easter Sunday 2025-04-20)
        holiday(2025, 1, 1, "New Year's Day"), // Wed
        holiday(2025, 4, 18, "Good Friday"), // Fri
        holiday(2025, 4, 21, "Easter Monday"), // Mon
        holiday(2025, 5, 5, "Early May bank holiday"), // Mon
        holiday(2025, 5, 26, "Spring bank holiday"), // Mon
        holiday(2025, 8, 25, "Summer bank holiday"), // Mon
        holiday(2025, 12, 25, "Christmas Day"), // Thu
        holiday(2025, 12, 26, "Boxing Day"), // Fri

        // 2026 (Easter Sunday 2026-04-05)
        holiday(2026, 1, 1, "New Year's Day"), // Thu
        holiday(2026, 4, 3, "Good Friday"), // Fri
        holiday(2026, 4, 6, "Easter Monday"), // Mon
        holiday(2026, 5, 4, "Early May bank holiday"), // Mon
        holiday(2026, 5, 25, "Spring bank holiday"), // Mon
        holiday(2026, 8, 31, "Summer bank holiday"), // Mon
        holiday(2026, 12, 25, "Christmas Day"), // Fri
        holiday(2026, 12, 28, "Boxing Day (substitute day)"), // Mon

        // 2027 (Easter Sunday 2027-03-28)
        holiday(2027, 1, 1, "New Year's Day"), // Fri
        holiday(2027, 3, 26, "Good Friday"), // Fri
        holiday(2027, 3, 29, "Easter Monday"), // Mon
        holiday(2027, 5, 3, "Early May bank holiday"), // Mon
        holiday(2027, 5, 31, "Spring bank holiday"), // Mon
        holiday(2027, 8, 30, "Summer bank holiday"), // Mon
        holiday(2027, 12, 27, "Christmas Day (substitute day)"), // Mon
        holiday(2027, 12, 28, "Boxing Day (substitute day)"), // Tue

        // 2028 (Easter Sunday 2028-04-16)
        holiday(2028, 1, 3, "New Year's Day (substitute day)"), // Mon
        holiday(2028, 4, 14, "Good Friday"), // Fri
        holiday(2028, 4, 17, "Easter Monday"), // Mon
        holiday(2028, 5, 1, "Early May bank holiday"), // Mon
        holiday(2028, 5, 29, "Spring bank holiday"), // Mon
        holiday(2028, 8, 28, "Summer bank holiday"), // Mon
        holiday(2028, 12, 25, "Christmas Day"), // Mon
        holiday(2028, 12, 26, "Boxing Day"), // Tue

        // 2029 (Easter Sunday 2029-04-01)
        holiday(2029, 1, 1, "New Year's Day"), // Mon
        holiday(2029, 3, 30, "Good Friday"), // Fri
        holiday(2029, 4, 2, "Easter Monday"), // Mon
        holiday(2029, 5, 7, "Early May bank holiday"), // Mon
        holiday(2029, 5, 28, "Spring bank holiday"), // Mon
        holiday(2029, 8, 27, "Summer bank holiday"), // Mon
        holiday(2029, 12, 25, "Christmas Day"), // Tue
        holiday(2029, 12, 26, "Boxing Day"), // Wed

        // 2030 (Easter Sunday 2030-04-21)
        holiday(2030, 1, 1, "New Year's Day"), // Tue
        holiday(2030, 4, 19, "Good Friday"), // Fri
        holiday(2030, 4, 22, "Easter Monday"), // Mon
        holiday(2030, 5, 6, "Early May bank holiday"), // Mon
        holiday(2030, 5, 27, "Spring bank holiday"), // Mon
        holiday(2030, 8, 26, "Summer bank holiday"), // Mon
        holiday(2030, 12, 25, "Christmas Day"), // Wed
        holiday(2030, 12, 26, "Boxing Day"), // Thu
    ]

    private static func holiday(_ year: Int, _ month: Int, _ day: Int, _ name: String) -> BankHoliday {
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("bank holiday table holds an impossible day \(year)-\(month)-\(day)")
        }
        return BankHoliday(date: date, name: name)
    }
}
