// Every other curriculum lesson, from the second (see lesson-suite.ts).
import { lessonTests } from './lesson-suite';

lessonTests(1, 2);
