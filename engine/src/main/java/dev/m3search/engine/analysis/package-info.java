/**
 * The lexical leg's analysis: an analyzer per language ({@link
 * dev.m3search.engine.analysis.LexicalLanguage}: Nori for Korean, Kuromoji for Japanese, SmartCN
 * for Chinese, the analyzers of {@code lucene-analysis-common} for some thirty others, ICU for the
 * rest), the language of a text ({@link dev.m3search.engine.analysis.LanguageDetector}) and of a
 * corpus ({@link dev.m3search.engine.analysis.CorpusLanguages}).
 */
package dev.m3search.engine.analysis;
