import { describe, expect, it } from 'vitest';
import {
  detectWorkArrangement,
  type WorkArrangement,
} from '../../../src/extract/work-arrangement.js';

describe('detectWorkArrangement', () => {
  it.each<[string, string, WorkArrangement | null]>([
    // title cues weigh most
    ['Senior Engineer (Remote)', 'You will sometimes visit our Berlin office.', 'remote'],
    ['Remote - US', 'Hybrid options exist for local staff.', 'remote'],
    ['Data Engineer (Hybrid)', 'Fully remote candidates are welcome to apply too.', 'hybrid'],
    ['Remote Sensing Scientist', 'Based in our Denver office, on-site.', 'onsite'],
    // hybrid
    ['Data Engineer', 'This is a hybrid role with 2 days in the office.', 'hybrid'],
    ['Data Engineer', 'Expect 3 days a week in office, the rest from home.', 'hybrid'],
    ['Engineer', 'Flexible hybrid working: in the office 2 days a week.', 'hybrid'],
    ['Engineer', 'You will be on-site 3 days a week.', 'hybrid'],
    ['Engineer', 'Fully remote or hybrid, your choice.', 'hybrid'],
    // remote
    ['Data Engineer', 'We are a remote-first company.', 'remote'],
    ['Engineer', 'This role is 100% remote within the EU.', 'remote'],
    ['Engineer', 'Work from home with a home office budget.', 'remote'],
    ['Engineer', 'Our distributed team spans 5 time zones; WFH is the norm.', 'remote'],
    ['Engineer', 'Work from anywhere in the world.', 'remote'],
    ['Engineer', 'Telecommuting is available for this position.', 'remote'],
    ['Cloud Engineer', 'Experience with hybrid cloud environments. Fully remote.', 'remote'],
    // on-site and negation
    ['Data Engineer', 'This is not a remote position.', 'onsite'],
    ['Data Engineer', 'Remote work is not possible for this role.', 'onsite'],
    ['Engineer', 'No remote. Office-based in London.', 'onsite'],
    ['Technician', 'Work is performed on-site at our plant.', 'onsite'],
    ['Engineer', 'The team works in person at our Austin HQ.', 'onsite'],
    ['Engineer', 'This role is not hybrid; you will be in-office every day.', 'onsite'],
    ['Nurse', 'Remote patient monitoring program. This position is on-site.', 'onsite'],
    // unrelated senses
    ['GIS Analyst', 'Experience with remote sensing and GIS.', null],
    ['Engineer', 'We build remote control systems and remote monitoring tools.', null],
    ['Backend Engineer', 'Familiarity with remote procedure call frameworks like gRPC.', null],
    ['Engineer', 'Experience with hybrid cloud and hybrid apps.', null],
    ['Engineer', 'We build great products.', null],
  ])('%s | %s → %s', (title, text, expected) => {
    expect(detectWorkArrangement(title, text)).toBe(expected);
  });
});
