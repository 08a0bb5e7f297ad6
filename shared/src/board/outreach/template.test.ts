import { describe, expect, it } from 'vitest';
import {
  hasPlaceholder,
  renderProblem,
  renderTemplate,
  templateValues,
  unknownVariables,
  type TemplateCreator,
  type TemplateValues,
} from './template.ts';

const mia: TemplateCreator = {
  name: 'Mia Hart',
  handles: [{ platform: 'instagram', handle: 'mia.hart' }],
  email: 'mia@example.com',
  country: 'DE',
  categories: ['Beauty', 'Travel'],
  followers: 48200,
  engagementRate: 3.4,
  tags: [],
  fee: { amount: 1200, currency: 'EUR' },
};
const values = templateValues(mia, { campaign: 'Summer glow', senderName: 'Ann Lee' });

describe('template rendering', () => {
  it('fills every variable of the issue from the creator, the board and the sender', () => {
    const rendered = renderTemplate(
      {
        subject: '{{campaign}} × {{name}}',
        body: 'Hi {{first_name}}, loved {{handle}} on {{platform}}. Fee {{fee}}. — {{sender_name}}',
      },
      values,
    );
    expect(rendered).toEqual({
      subject: 'Summer glow × Mia Hart',
      body: 'Hi Mia, loved @mia.hart on Instagram. Fee €1,200. — Ann Lee',
      unknown: [],
      missing: [],
      ok: true,
    });
  });

  it('fills profile fields, written in snake case, camel case or with spaces', () => {
    const rendered = renderTemplate(
      { subject: '{{ followers }} followers', body: '{{engagementRate}} in {{COUNTRY}}; {{categories}}' },
      values,
    );
    expect(rendered.subject).toBe('48,200 followers');
    expect(rendered.body).toBe('3.4% in DE; Beauty, Travel');
  });

  it('reports an unknown variable and leaves it visible instead of a blank', () => {
    const rendered = renderTemplate({ subject: 'Hi', body: 'Hi {{fist_name}}!' }, values);
    expect(rendered.ok).toBe(false);
    expect(rendered.unknown).toEqual(['fist_name']);
    expect(rendered.body).toBe('Hi {{fist_name}}!');
    expect(renderProblem(rendered)).toBe('Roster does not know {{fist_name}}.');
  });

  it('reports a known variable the creator has no value for, never sending a hole', () => {
    const noLanguage: TemplateValues = { ...values };
    const rendered = renderTemplate(
      { subject: 'Hi {{first_name}}', body: 'You speak {{language}}, {{aqs}}' },
      noLanguage,
    );
    expect(rendered.ok).toBe(false);
    expect(rendered.missing).toEqual(['language', 'aqs']);
    expect(rendered.body).toBe('You speak {{language}}, {{aqs}}');
    expect(renderProblem(rendered)).toBe('No value for {{language}}, {{aqs}}.');
  });

  it('uses a fallback written after a bar when the value is missing, and the value when it is there', () => {
    const rendered = renderTemplate({ subject: '{{first_name|there}}', body: 'Speak {{language | English}}' }, values);
    expect(rendered).toMatchObject({ subject: 'Mia', body: 'Speak English', ok: true });
  });

  it('gives a creator without handle, fee or first name nothing for those variables', () => {
    const bare = templateValues(
      { ...mia, name: '  ', handles: [], fee: null, email: undefined },
      { campaign: 'Summer glow', senderName: 'Ann' },
    );
    expect(bare.handle).toBeUndefined();
    expect(bare.platform).toBeUndefined();
    expect(bare.fee).toBeUndefined();
    expect(bare.first_name).toBeUndefined();
    expect(bare.email).toBeUndefined();
  });

  it('lists the unknown variables of a text once each', () => {
    expect(unknownVariables('{{nope}} {{name}} {{nope}} {{x.y}}')).toEqual(['nope', 'x.y']);
  });

  it('finds a leftover placeholder in a finished text', () => {
    expect(hasPlaceholder('Hi {{ first_name }}')).toBe(true);
    expect(hasPlaceholder('Hi Mia, {curly} is fine')).toBe(false);
  });

  it('formats a fee in its own currency', () => {
    const usd = templateValues({ ...mia, fee: { amount: 950.5, currency: 'USD' } }, { campaign: 'c', senderName: 's' });
    expect(usd.fee).toBe('$950.50');
  });
});
