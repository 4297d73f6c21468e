// Every other curriculum lesson, from the first (see lesson-suite.ts).
import { lessonTests } from './lesson-suite';

lessonTests(0, 2);
