package dev.kanto.sdk.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {
  private static String mismatch(String matcher, String actual) {
    return Matcher.mismatch(JsonParser.parseString(matcher), JsonParser.parseString(actual));
  }

  @ParameterizedTest(name = "{0} matches {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\": 1}                       | {\"a\": 1, \"b\": 2}",
        "{\"a\": {\"b\": \"x\"}}          | {\"a\": {\"b\": \"x\", \"c\": []}}",
        "[1, 2]                           | [1, 2]",
        "[{\"id\": 1}]                    | [{\"id\": 1, \"name\": \"Bulbasaur\"}]",
        "{\"w\": 6}                       | {\"w\": 6.0}",
        "{\"d\": 29.35550118165301}       | {\"d\": 29.355501181653}",
        "{\"n\": 5}                       | {\"n\": \"5\"}",
        "{\"s\": {\"$nonEmpty\": true}}   | {\"s\": \"token\"}",
        "{\"s\": {\"$nonEmpty\": true}}   | {\"s\": [0]}",
        "{\"s\": {\"$nonEmpty\": false}}  | {\"s\": \"\"}",
        "{\"l\": {\"$size\": 2}}          | {\"l\": [1, {}]}",
        "{\"l\": {\"$contains\": [{\"id\": 2}, 1]}} | {\"l\": [1, {\"id\": 2, \"x\": 3}]}",
        "{\"l\": {\"$size\": 2, \"$contains\": [1]}} | {\"l\": [1, 2]}",
        "true                             | true",
        "\"RARITY_NORMAL\"                | \"RARITY_NORMAL\"",
      })
  void matches(String matcher, String actual) {
    assertNull(mismatch(matcher, actual));
  }

  @ParameterizedTest(name = "{0} does not match {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\": 1}                       | {\"b\": 1}",
        "{\"a\": 1}                       | {\"a\": 2}",
        "{\"a\": 1}                       | {\"a\": \"x\"}",
        "[1, 2]                           | [1, 2, 3]",
        "[1, 2]                           | [2, 1]",
        "{\"d\": 1.0}                     | {\"d\": 1.00001}",
        "{\"s\": {\"$nonEmpty\": true}}   | {\"s\": \"\"}",
        "{\"s\": {\"$nonEmpty\": true}}   | {\"s\": []}",
        "{\"l\": {\"$size\": 1}}          | {\"l\": [1, 2]}",
        "{\"l\": {\"$size\": 1}}          | {\"l\": \"x\"}",
        "{\"l\": {\"$contains\": [3]}}    | {\"l\": [1, 2]}",
        "{\"l\": {\"$bogus\": 1}}         | {\"l\": [1]}",
        "\"a\"                            | \"b\"",
        "false                            | \"false\"",
        "{\"a\": {}}                      | {\"a\": []}",
      })
  void mismatches(String matcher, String actual) {
    assertNotNull(mismatch(matcher, actual));
  }
}
