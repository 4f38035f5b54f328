import { test, expect, Browser, Page } from '@playwright/test';
import { freshPhone, PASSWORD, hydrated, signIn, DEMO_PASSWORD, verifyWithCode } from './helpers';

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function ctx(browser: Browser, locale: string, phone: boolean) {
  const context = await browser.newContext({
    locale,
    viewport: phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    isMobile: phone,
    hasTouch: phone,
  });
  return context.newPage();
}

test('employer, staff and a migrant on a phone: the whole legal-vacancy journey', async ({ browser }) => {
  test.setTimeout(180_000);
  const employer = await ctx(browser, 'tr-TR', false);
  const staff = await ctx(browser, 'uz-UZ', false);
  const migrant = await ctx(browser, 'uz-UZ', true);
  const district = `Eğirdir-${Date.now() % 100000}`;

  // The employer signs up (in Turkish), proves the e-mail with the code sent there and registers the company.
  const email = `ik-${Date.now()}@gol-insaat.example`;
  await employer.goto('/signup/employer');
  await expect(employer.locator('html')).toHaveAttribute('lang', 'tr');
  await employer.getByLabel('Yetkili kişinin adı').fill('Hasan Çelik');
  await employer.getByLabel('E-posta').fill(email);
  await employer.getByLabel('Şifre', { exact: true }).fill(PASSWORD);
  await employer.getByRole('checkbox').check();
  await employer.getByRole('main').getByRole('button', { name: 'Kayıt ol' }).click();
  await expect(employer).toHaveURL(/\/verify$/);
  await verifyWithCode(employer, email);
  await expect(employer).toHaveURL(/\/employer\/vacancies$/);
  await employer.goto('/employer/company');
  await employer.getByLabel('Şirketin ticari unvanı').fill('Göl İnşaat A.Ş.');
  await employer.getByLabel('Vergi kimlik numarası (VKN, 10 hane)').fill('6210184261');
  await employer.getByLabel('MERSİS numarası (16 hane)').fill('0621018426100015');
  await employer.getByLabel('Sektör').selectOption('1');
  await employer.getByLabel('İl', { exact: true }).selectOption('32');
  await employer.getByLabel('Adres').fill('Eğirdir, Isparta');
  await employer.getByLabel('Yetkili kişi', { exact: true }).fill('Hasan Çelik');
  await employer.getByLabel('Yetkili kişinin telefonu').fill('+90 246 311 00 00');
  await employer.getByRole('button', { name: 'İncelemeye gönder' }).click();
  await expect(employer.getByText('İncelemede')).toBeVisible();

  // Staff verify it (in Uzbek).
  await signIn(staff, 'nodira.yusupova@kopru.example', DEMO_PASSWORD);
  await staff.goto('/staff/companies');
  const card = staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' });
  await card.getByRole('button', { name: 'Tasdiqlash' }).click();
  await expect(staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' })).toHaveCount(0);

  // The employer posts a vacancy.
  await employer.goto('/employer/vacancies/new');
  await employer.getByLabel('Sektör').selectOption('1');
  await employer.getByLabel('Meslek', { exact: true }).selectOption('1');
  await employer.getByLabel('Kişi sayısı').fill('4');
  await employer.getByLabel('İl', { exact: true }).selectOption('32');
  await employer.getByLabel('İlçe').fill(district);
  await employer.getByLabel('Brüt aylık ücret (TL)').fill('40.000');
  await employer.getByLabel('Haftalık çalışma saati').fill('45');
  await employer.getByLabel('Sözleşme süresi (ay)').fill('12');
  await employer.getByLabel('Konaklama sağlanır').check();
  await employer.getByLabel('İşe başlama tarihi').fill(day(60));
  await employer.getByLabel('Son başvuru tarihi').fill(day(30));
  await employer.getByLabel('Açıklama (Türkçe, zorunlu)').fill('Göl kenarı otel inşaatı için duvar ustası.');
  await employer.getByRole('button', { name: 'İncelemeye gönder' }).click();
  await expect(employer.getByText('İlan ajansın incelemesine gönderildi.')).toBeVisible();

  // Staff publish it, writing the Uzbek text the employer left out (no publication without it).
  await staff.goto('/staff/vacancies');
  const review = staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' });
  await expect(review).toContainText('Ish beruvchi oʻzbekcha matn yozmagan');
  await review.getByRole('button', { name: 'Eʼlon qilish' }).click();
  await expect(staff.locator('#text_uz-error')).toContainText('oʻzbekcha matnsiz eʼlon qilinmaydi');
  await staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' })
    .getByLabel('Tavsif (oʻzbekcha, agentlik tarjimasi)').fill('Koʻl boʻyidagi mehmonxona qurilishi uchun gʻisht teruvchi.');
  await staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' }).getByRole('button', { name: 'Eʼlon qilish' }).click();
  await expect(staff.locator('li.card', { hasText: 'Göl İnşaat A.Ş.' })).toHaveCount(0);

  // A migrant on a phone, in Uzbek, signs up, finds it with a filter and applies.
  const phone = freshPhone();
  await migrant.goto('/signup');
  await migrant.getByLabel('Ism va familiya').fill('Sardor Usmonov');
  await migrant.getByLabel('Telefon raqami').fill(phone);
  await migrant.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await migrant.getByRole('checkbox').check();
  await migrant.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(migrant).toHaveURL(/\/verify$/);
  await verifyWithCode(migrant, phone);
  await expect(migrant).toHaveURL(/\/applications$/);
  await migrant.goto('/vacancies');
  await migrant.locator('details.more-filters > summary').click();
  await migrant.getByLabel('Viloyat (il)').selectOption('32');
  await migrant.getByLabel('Qidiruv: kasb, shahar, kompaniya').fill(district.toLowerCase());
  await migrant.getByRole('button', { name: 'Qidirish' }).first().click();
  await expect(migrant).toHaveURL(/province=32/);
  const results = migrant.locator('ul.results > li');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Tasdiqlangan kompaniya');
  // Client-side navigation from here on: wait for the WASM (the no-JS test
  // below covers the page before it arrives).
  await hydrated(migrant);
  await results.first().getByRole('link').click();
  await expect(migrant).toHaveURL(/\/vacancies\/\d+$/);
  await expect(migrant.getByRole('heading', { level: 1 })).toHaveText('Gʻisht teruvchi (bino quruvchi)');
  await expect(migrant.locator('.wage')).toHaveText(/40\s000,00\sTRY/);
  // Applying asks for the minimal profile first, then comes back to the vacancy.
  const vacancyUrl = migrant.url();
  await migrant.getByRole('button', { name: 'Ariza topshirish' }).click();
  await expect(migrant).toHaveURL(/error=profile_required/);
  await migrant.getByRole('main').getByRole('link', { name: 'Profilni toʻldirish' }).click();
  await expect(migrant).toHaveURL(/\/profile\?next=%2Fvacancies%2F\d+$/);
  await expect(migrant.getByLabel('Ism-familiya (pasportdagidek, lotin harflarida)')).toHaveValue('Sardor Usmonov');
  await migrant.getByLabel('Tugʻilgan sana').fill('1994-03-12');
  await migrant.getByLabel('Hozir qayerdasiz').selectOption('uz:1');
  await migrant.getByLabel('Kasbingiz').selectOption('1');
  await migrant.getByLabel('Ish tajribasi (yil)').fill('6');
  await migrant.getByRole('button', { name: 'Saqlash' }).click();
  await expect(migrant).toHaveURL(vacancyUrl);
  await migrant.getByRole('button', { name: 'Ariza topshirish' }).click();
  await expect(migrant).toHaveURL(/\/applications\/\d+$/);
  const applicationUrl = migrant.url().replace(/^https?:\/\/[^/]+/, '');

  // Staff screen and forward.
  await staff.goto(applicationUrl);
  await staff.getByRole('button', { name: 'Koʻrib chiqishni boshlash' }).click();
  await staff.getByRole('button', { name: 'Ish beruvchiga yuborish' }).click();
  await expect(staff.locator('.stage-now')).toContainText('Ish beruvchiga yuborildi');

  // The employer invites to an interview and makes an offer, writing in Turkish.
  await employer.goto(applicationUrl);
  await expect(employer.getByRole('main')).toContainText('Sardor Usmonov');
  await expect(employer.getByRole('main')).toContainText('Aday Özbekçe okuyor');
  await employer.getByRole('button', { name: 'Mülakata çağır' }).click();
  // Refused without its details, each named next to its field; nothing moved.
  await expect(employer.locator('#interview_place-error')).toBeVisible();
  await expect(employer.locator('.stage-now')).toContainText('İşverene iletildi');
  await employer.getByLabel('Tarih ve saat (Türkiye saati)').fill(`${day(3)}T10:30`);
  await employer.getByLabel('Nasıl yapılacak').selectOption('inperson');
  await employer.getByLabel('Adres ya da görüntülü görüşme bağlantısı').fill('Şantiye ofisi, Yenice Mah. 12, Eğirdir');
  await employer.getByLabel('İletişim kişisi ve telefonu').fill('Hasan Çelik, 0532 123 45 67');
  await employer.getByRole('button', { name: 'Mülakata çağır' }).click();
  await expect(employer.locator('.stage-now')).toContainText('Mülakat');
  await employer.getByLabel('Aylık ücret (brüt, TL)').fill('42.500');
  await employer.getByLabel('İşe başlama tarihi').fill(day(61));
  await employer.getByLabel('Konaklama sağlanır').check();
  await employer.getByLabel('Dönüş bileti işverence karşılanır').check();
  await employer.getByRole('button', { name: 'İş teklif et' }).click();
  await expect(employer.locator('.stage-now')).toContainText('İş teklifi');

  // The migrant reads both in Uzbek (the address as written, labelled Turkish) and accepts.
  await migrant.goto(applicationUrl);
  const interview = migrant.locator('section.terms', { hasText: 'Suhbat' });
  const [y, mo, d] = day(3).split('-');
  await expect(interview).toContainText(`${d}.${mo}.${y}, 10:30 (Turkiya vaqti)`);
  await expect(interview).toContainText('Yuzma-yuz, koʻrsatilgan manzilda');
  await expect(interview).toContainText('(turkcha yozilgan)');
  await expect(interview.locator('dd[lang=tr]').first()).toHaveText('Şantiye ofisi, Yenice Mah. 12, Eğirdir');
  const offer = migrant.locator('section.terms', { hasText: 'Ish taklifi shartlari' });
  await expect(offer).toContainText(/42\s500,00\sTRY/);
  await expect(offer).toContainText('Qaytish chiptasi ish beruvchi hisobidan');
  await expect(migrant.locator('.stage-meaning')).toContainText('taklifni qabul qiling yoki undan voz keching');
  await migrant.getByRole('button', { name: 'Taklifni qabul qilaman' }).click();
  await expect(migrant.locator('.stage-now')).toContainText('Taklif qabul qilindi');

  // The employer hires.
  await employer.goto(applicationUrl);
  await employer.getByLabel('Çalışma izni başvuru numarası').fill('2026-ÇİB-778899');
  await employer.getByLabel('İşe başlama tarihi').fill(day(61));
  await employer.getByRole('button', { name: 'İşe alındı olarak kaydet' }).click();
  await expect(employer.locator('.stage-now')).toContainText('İşe alındı');

  // The migrant reads the whole history in Uzbek, and has notifications.
  await migrant.goto(applicationUrl);
  const timeline = migrant.locator('ol.timeline > li');
  await expect(timeline).toHaveCount(7);
  for (const s of ['Yuborildi', 'Koʻrib chiqilmoqda', 'Ish beruvchiga yuborildi', 'Suhbat', 'Ish taklifi', 'Taklif qabul qilindi', 'Ishga qabul qilindi']) {
    await expect(migrant.locator('ol.timeline')).toContainText(s);
  }
  await expect(migrant.getByRole('banner').locator('.counter')).toHaveText('6');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('a migrant searches with filters in the URL', async ({ page }) => {
    await page.goto('/vacancies');
    // The filters are folded away under the word search (a <details>, no JavaScript needed).
    await expect(page.getByLabel('Viloyat (il)')).toBeHidden();
    await page.locator('details.more-filters > summary').click();
    await page.getByLabel('Viloyat (il)').selectOption('34');
    await page.getByLabel('Turar joy beriladi').check();
    await page.getByRole('button', { name: 'Qidirish' }).first().click();
    await expect(page).toHaveURL(/province=34/);
    await expect(page).toHaveURL(/housing=1/);
    const items = page.locator('ul.results > li');
    expect(await items.count()).toBeGreaterThan(0);
    for (const text of await items.allInnerTexts()) {
      expect(text).toContain('Istanbul');
      expect(text).toContain('Turar joy beriladi');
    }
    // Sorting by wage keeps the filters; the first page is sorted.
    await expect(page.locator('details.more-filters > summary')).toHaveText('Filtrlar (2)');
    await page.locator('details.more-filters > summary').click();
    await page.getByLabel('Saralash').selectOption('wage');
    await page.getByRole('button', { name: 'Qidirish' }).first().click();
    await expect(page).toHaveURL(/sort=wage/);
    await expect(page).toHaveURL(/province=34/);
  });
});
