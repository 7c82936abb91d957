import { describe, expect, it } from 'vitest';
import { detectSeniority, type Seniority, titleSeniority } from '../../../src/extract/seniority.js';

describe('detectSeniority from the title', () => {
  it.each<[string, Seniority | null]>([
    ['Senior Software Engineer', 'senior'],
    ['Sr. Data Analyst', 'senior'],
    ['Experienced Java Developer', 'senior'],
    ['Software Engineer II', 'mid'],
    ['Mid-Level Frontend Developer', 'mid'],
    ['Intermediate .NET Developer', 'mid'],
    ['Software Engineer I', 'junior'],
    ['Junior Backend Developer (Go)', 'junior'],
    ['Entry-Level Data Analyst', 'junior'],
    ['Graduate Software Developer 2025', 'junior'],
    ['Associate Software Engineer', 'junior'],
    ['Apprentice DevOps Engineer', 'junior'],
    ['Data Science Intern, Summer 2025', 'intern'],
    ['Werkstudent Data Engineering (m/w/d)', 'intern'],
    ['Software Engineering Internship', 'intern'],
    ['Staff Engineer, Platform', 'lead'],
    ['Staff Machine Learning Engineer', 'lead'],
    ['Senior Staff Software Engineer', 'lead'],
    ['Tech Lead, Payments', 'lead'],
    ['Team Lead - Customer Support', 'lead'],
    ['Head of Data', 'lead'],
    ['Head Chef', 'lead'],
    ['Engineering Manager', 'lead'],
    ['Software Engineer IV', 'lead'],
    ['Principal Engineer', 'principal'],
    ['Distinguished Engineer', 'principal'],
    ['Associate Director, Analytics', 'principal'],
    ['VP of Engineering', 'principal'],
    ['Solutions Architect', 'principal'],
    // generic words that look like levels but are not
    ['Staff Accountant', null],
    ['Staff Nurse - Night Shift', null],
    ['Senior Living Caregiver', null],
    ['Lead Generation Specialist', null],
    ['Mid-Market Account Executive', null],
    ['Internal Auditor', null],
    ['Leading Hand Electrician', null],
    ['Data Engineer', null],
  ])('%s → %s', (title, expected) => {
    expect(titleSeniority(title)).toBe(expected);
    expect(detectSeniority(title, '', null)).toBe(expected);
  });
});

describe('detectSeniority fallbacks', () => {
  it.each<[string, string, { min: number } | null, Seniority | null]>([
    [
      'Senior Data Engineer',
      'We want someone junior-minded? No: 1 year is fine.',
      { min: 1 },
      'senior',
    ],
    ['Software Engineer', 'This is a senior role on the platform team.', null, 'senior'],
    ['Accountant', 'An entry-level position in our finance team.', null, 'junior'],
    [
      'Developer',
      'We are looking for a junior developer to join our agency.',
      { min: 4 },
      'junior',
    ],
    ['Engineer', 'Join us as a Lead Data Engineer.', null, 'lead'],
    [
      'Software Engineer',
      'You will pair with senior engineer colleagues daily.',
      { min: 3 },
      'mid',
    ],
    ['Data Engineer', 'You will mentor junior developer talent.', null, null],
    ['Analyst', 'Present to senior-level stakeholders.', null, null],
    ['Engineer', 'Lead the design of our data platform.', { min: 6 }, 'senior'],
    ['Engineer', '', { min: 5 }, 'senior'],
    ['Engineer', '', { min: 2 }, 'mid'],
    ['Engineer', '', { min: 4 }, 'mid'],
    ['Engineer', '', { min: 1 }, 'junior'],
    ['Engineer', '', { min: 0 }, 'junior'],
    ['Engineer', 'Great team, great product.', null, null],
  ])('%s | %s | %j → %s', (title, text, years, expected) => {
    expect(detectSeniority(title, text, years)).toBe(expected);
  });
});
