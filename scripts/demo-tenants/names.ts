// Given names and family names for generated staff, by country.
export const SWEDISH_FIRST = [
  'Agnes', 'Alva', 'Astrid', 'Axel', 'Ebba', 'Elias', 'Elin', 'Emil', 'Filip', 'Frida', 'Gustav', 'Hanna',
  'Hugo', 'Ida', 'Isak', 'Johanna', 'Klara', 'Linnea', 'Ludvig', 'Malin', 'Matilda', 'Nils', 'Oskar', 'Per',
  'Saga', 'Sara', 'Sixten', 'Stina', 'Theo', 'Tove', 'Ulf', 'Vera', 'Wilma', 'Åsa',
] as const;
export const SWEDISH_LAST = [
  'Andersson', 'Berg', 'Björk', 'Dahl', 'Ek', 'Engström', 'Forsberg', 'Gustafsson', 'Hedlund', 'Holm', 'Isaksson',
  'Jakobsson', 'Karlsson', 'Lindberg', 'Lundgren', 'Magnusson', 'Nordin', 'Nyström', 'Olsson', 'Sandberg',
  'Sjögren', 'Strand', 'Söderberg', 'Wallin', 'Åberg', 'Öberg',
] as const;

export const NORWEGIAN_FIRST = [
  'Anders', 'Astrid', 'Bjørn', 'Eirik', 'Emma', 'Frode', 'Guro', 'Håkon', 'Ingeborg', 'Jon', 'Kari', 'Knut',
  'Lise', 'Magnus', 'Marit', 'Nora', 'Ola', 'Ragnhild', 'Sindre', 'Siri', 'Solveig', 'Stian', 'Tone', 'Torbjørn',
  'Trine', 'Vegard', 'Åse', 'Øystein',
] as const;
export const NORWEGIAN_LAST = [
  'Aas', 'Bakke', 'Berge', 'Dahle', 'Eide', 'Fjeld', 'Haugen', 'Hansen', 'Holm', 'Johansen', 'Kristiansen',
  'Larsen', 'Lie', 'Moen', 'Myhre', 'Nilsen', 'Olsen', 'Pedersen', 'Sæther', 'Solberg', 'Strand', 'Torp',
  'Vik', 'Ødegård', 'Øvrebø',
] as const;

export const POLISH_FIRST = [
  'Agnieszka', 'Aleksandra', 'Andrzej', 'Anna', 'Bartłomiej', 'Dorota', 'Ewa', 'Grzegorz', 'Jakub', 'Joanna',
  'Katarzyna', 'Krzysztof', 'Łukasz', 'Magdalena', 'Marcin', 'Michał', 'Monika', 'Paweł', 'Piotr', 'Sławomir',
  'Tomasz', 'Wojciech', 'Zofia', 'Żaneta',
] as const;
export const POLISH_LAST = [
  'Dąbrowski', 'Grabowski', 'Jankowski', 'Kamiński', 'Kowalczyk', 'Kozłowski', 'Lewandowski', 'Mazur',
  'Nowak', 'Pawłowski', 'Wiśniewski', 'Wójcik', 'Woźniak', 'Zając', 'Zieliński', 'Szymański', 'Krawczyk',
  'Piotrowski', 'Król', 'Wieczorek',
] as const;

/** Polish family names in -ski, -cki, -dzki take -ska, -cka, -dzka for women (whose given names end in -a). */
export function polishFamilyName(first: string, last: string): string {
  return first.endsWith('a') && /[sc]ki$/.test(last) ? `${last.slice(0, -1)}a` : last;
}

export const ENGLISH_FIRST = [
  'Aaron', 'Abigail', 'Adam', 'Aisha', 'Alex', 'Amelia', 'Andrew', 'Ava', 'Benjamin', 'Brianna', 'Caleb', 'Carlos',
  'Charlotte', 'Chloe', 'Daniel', 'David', 'Diego', 'Dylan', 'Elena', 'Elijah', 'Emily', 'Ethan', 'Fatima',
  'Grace', 'Hannah', 'Henry', 'Isabella', 'Jack', 'Jacob', 'James', 'Jasmine', 'Jayden', 'Jessica', 'Joshua',
  'Julia', 'Kevin', 'Kimberly', 'Laura', 'Leah', 'Liam', 'Lucas', 'Madison', 'Maria', 'Mason', 'Megan',
  'Michael', 'Mia', 'Nathan', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rachel', 'Ryan', 'Samuel', 'Sarah',
  'Sophia', 'Tyler', 'Victoria', 'William', 'Zoe', 'Wei', 'Yuki', 'Sanjay', 'Nia', 'Mateo',
] as const;
export const ENGLISH_LAST = [
  'Adams', 'Allen', 'Anderson', 'Baker', 'Brown', 'Campbell', 'Carter', 'Chen', 'Clark', 'Collins', 'Davis',
  'Edwards', 'Evans', 'Garcia', 'Green', 'Hall', 'Harris', 'Hernandez', 'Hill', 'Jackson', 'Johnson', 'Jones',
  'Kim', 'King', 'Lee', 'Lewis', 'Lopez', 'Martin', 'Martinez', 'Miller', 'Mitchell', 'Moore', 'Murphy',
  'Nelson', 'Nguyen', 'Patel', 'Perez', 'Phillips', 'Roberts', 'Robinson', 'Rodriguez', 'Scott', 'Singh',
  'Smith', 'Taylor', 'Thomas', 'Thompson', 'Turner', 'Walker', 'White', 'Williams', 'Wilson', 'Wright', 'Young',
] as const;

export const BRITISH_FIRST = ['Alys', 'Callum', 'Eilidh', 'Fiona', 'Gareth', 'Harriet', 'Hamish', 'Imogen', 'Isla', 'Owen', 'Rhys', 'Seren'] as const;
export const BRITISH_LAST = ['Ashworth', 'Blackwood', 'Davies', 'Fletcher', 'Hughes', 'MacLeod', 'Morgan', 'Pritchard', 'Sinclair', 'Wren'] as const;
