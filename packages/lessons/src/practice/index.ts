/** `@descent/lessons/practice`: the interview-question bank (format, parser, checks, counts). */
export { parseBankFile } from './parse';
export { inlineAnswers } from './inline-answers';
export { bankStats, curriculumNumbers, findBankDir, loadBank, validateBank, type Bank, type BankStats } from './bank';
export { checkCodingQuestions, questionLesson, type CodingCheck } from './check';
export { DIFFICULTIES, KINDS, TOPICS, type BankFile, type Difficulty, type Kind, type Question, type QuestionCode, type Topic } from './types';
export { plainText } from '../cli/plain-text';
