import type { Section, TargetCheck } from './report';

export interface StreamReport {
  sections: Section[];
  targets: TargetCheck[];
}

export interface StreamOptions {
  streams: number;
  sends: number;
}

export async function runStream(options: StreamOptions, log: (line: string) => void): Promise<StreamReport> {
  log(`stream: not measured yet (${options.streams} streams)`);
  return { sections: [], targets: [] };
}
